package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.optim.Optimizer;
import io.github.dlref.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterBindingTest {

    private static Sequential twoLayers() {
        return new Sequential(new Linear(Matrix.of(new double[][] {{1, 2}}), Matrix.rowVector(0.5)),
                new Linear(Matrix.of(new double[][] {{3}}), Matrix.rowVector(-1)));
    }

    @Test
    void theBindingStepsExactlyAsAnOptimizerOnTheModelsOwnParametersButNamesStateByQualifiedName() {
        // the model's own parameters are named "weight", "bias", "weight", "bias": an optimizer accepts them
        // (state is positional), and its snapshot then repeats the local names; the binding's names the layers
        Sequential direct = twoLayers();
        Optimizer plain = new SGD(direct.parameters(), SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9));
        Sequential bound = twoLayers();
        ParameterBinding binding = new ParameterBinding(bound);
        Optimizer viaBinding = binding.bind(ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.1).withMomentum(0.9)));
        for (int step = 0; step < 3; step++) {
            direct.zeroGrad();
            direct.forward(Tensor.constant(Matrix.rowVector(1, -2))).backward();
            plain.step();
            binding.zeroGrad();
            bound.forward(Tensor.constant(Matrix.rowVector(1, -2))).backward();
            binding.step(viaBinding);
        }
        for (String name : List.of("0.weight", "0.bias", "1.weight", "1.bias")) {
            assertEquals(direct.parameter(name).value(), bound.parameter(name).value(), name);
        }
        assertEquals(List.of("weight", "bias", "weight", "bias"),
                plain.saveState().parameters().stream().map(ps -> ps.parameterName()).toList());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"),
                viaBinding.saveState().parameters().stream().map(ps -> ps.parameterName()).toList());
    }

    @Test
    void theBoundParametersCarryQualifiedNames() {
        ParameterBinding binding = new ParameterBinding(twoLayers());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"),
                binding.optimizerParameters().stream().map(Parameter::name).toList());
    }

    @Test
    void aStepThroughTheBindingIsPlainGradientDescentOnTheModel() {
        // y = 3 (x . (1, 2) + 0.5) - 1 at x = (1, 1): h = 3.5, y = 9.5; loss = y.
        // dL/dW2 = h = 3.5, dL/db2 = 1, dL/dW1 = 3 x = (3, 3), dL/db1 = 3.
        // SGD lr 0.1: W1 = (0.7, 1.7), b1 = 0.2, W2 = 3 - 0.35 = 2.65, b2 = -1.1.
        Sequential model = twoLayers();
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer sgd = binding.bind(ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.1)));
        binding.zeroGrad();
        Tensor y = model.forward(Tensor.constant(Matrix.rowVector(1, 1)));
        assertEquals(9.5, y.item());
        y.backward();
        binding.step(sgd);
        assertEquals(Matrix.rowVector(1 - 0.1 * 3, 2 - 0.1 * 3), model.parameter("0.weight").value());
        assertEquals(Matrix.rowVector(0.5 - 0.1 * 3), model.parameter("0.bias").value());
        assertEquals(Matrix.rowVector(3 - 0.1 * 3.5), model.parameter("1.weight").value());
        assertEquals(Matrix.rowVector(-1 - 0.1 * 1), model.parameter("1.bias").value());
        binding.zeroGrad();
        for (Parameter p : model.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void aParameterWithoutGradientIsSkipped() {
        Sequential model = twoLayers();
        ParameterBinding binding = new ParameterBinding(model);
        Optimizer sgd = binding.bind(ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.1)));
        model.parameter("1.bias").accumulateGrad(Matrix.rowVector(2));
        binding.step(sgd);
        assertEquals(Matrix.rowVector(-1.2), model.parameter("1.bias").value());
        assertEquals(Matrix.rowVector(3), model.parameter("1.weight").value());
        assertEquals(0, sgd.state().get(2).step());
        assertEquals(1, sgd.state().get(3).step());
    }
}
