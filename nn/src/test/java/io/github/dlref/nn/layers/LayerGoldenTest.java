package io.github.dlref.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Golden;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Layers against PyTorch float64 (golden/make_golden.py): forward values and gradients. */
class LayerGoldenTest {

    @Test
    void linear() {
        Golden.Case c = Golden.of("linear");
        Linear layer = new Linear(c.get("weight"), c.get("bias"));
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = layer.forward(x);
        y.backward(c.get("g"));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
        c.assertClose("dweight", layer.weight().grad());
        c.assertClose("dbias", layer.bias().grad());
    }

    private static Module activation(String name, Golden.Case c) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "leaky_relu_default" -> new LeakyReLU();
            case "leaky_relu_0.2" -> new LeakyReLU(c.scalar("slope"));
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "softmax" -> new Softmax();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky_relu_default", "leaky_relu_0.2", "sigmoid", "tanh", "softmax"})
    void activations(String name) {
        Golden.Case c = Golden.of(name);
        Tensor x = Tensor.variable(c.get("x"));
        Tensor y = activation(name, c).forward(x);
        y.backward(c.get("g"));
        c.assertClose("y", y.value());
        c.assertClose("dx", x.grad());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "keras"})
    void batchNormTrainingStepsRunningStatisticsAndEvaluation(String convention) {
        Golden.Case c = Golden.of("batchnorm_" + convention);
        BatchNorm.Config config = new BatchNorm.Config(c.scalar("eps"), c.scalar("momentum"),
                convention.equals("pytorch") ? BatchNorm.Convention.PYTORCH : BatchNorm.Convention.KERAS, true);
        BatchNorm bn = new BatchNorm(3, config);
        bn.gamma().assign(c.get("gamma"));
        bn.beta().assign(c.get("beta"));
        for (int step = 0; step < 3; step++) {
            bn.zeroGrad();
            Tensor x = Tensor.variable(c.get("x" + step));
            Tensor y = bn.forward(x);
            y.backward(c.get("g" + step));
            c.assertClose("y" + step, y.value());
            c.assertClose("dx" + step, x.grad());
            c.assertClose("dgamma" + step, bn.gamma().grad());
            c.assertClose("dbeta" + step, bn.beta().grad());
            c.assertClose("running_mean" + step, bn.runningMean().value());
            c.assertClose("running_var" + step, bn.runningVar().value());
        }
        bn.eval();
        bn.zeroGrad();
        Matrix meanBefore = bn.runningMean().value();
        Tensor x = Tensor.variable(c.get("x_eval"));
        Tensor y = bn.forward(x);
        y.backward(c.get("g_eval"));
        c.assertClose("y_eval", y.value());
        c.assertClose("dx_eval", x.grad());
        c.assertClose("dgamma_eval", bn.gamma().grad());
        c.assertClose("dbeta_eval", bn.beta().grad());
        assertEquals(meanBefore, bn.runningMean().value(), "evaluation must not update the running statistics");
    }

    @Test
    void smallNetworkWithCrossEntropy() {
        Golden.Case c = Golden.of("mlp_cross_entropy");
        Linear first = new Linear(c.get("0.weight"), c.get("0.bias"));
        Linear second = new Linear(c.get("2.weight"), c.get("2.bias"));
        Sequential net = new Sequential(first, new Tanh(), second);
        Supplier<Tensor> loss = () -> new CrossEntropyLoss().forward(net.forward(Tensor.constant(c.get("x"))),
                c.ints("classes"));
        Tensor l = loss.get();
        l.backward();
        c.assertClose("loss", l.value());
        for (String name : new String[] {"0.weight", "0.bias", "2.weight", "2.bias"}) {
            c.assertClose("d" + name, net.parameter(name).grad());
        }
    }

    @Test
    void defaultLinearInitializationDrawsWeightThenBiasFromUniformOneOverSqrtIn() {
        Linear layer = new Linear(4, 3, new Rng(21));
        Rng reference = new Rng(21);
        Matrix w = reference.uniform(3, 4, -0.5, 0.5); // 1 / sqrt(4) = 0.5
        Matrix b = reference.uniform(1, 3, -0.5, 0.5);
        assertEquals(w, layer.weight().value());
        assertEquals(b, layer.bias().value());
    }
}
