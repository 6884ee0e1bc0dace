package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.custom.SignSGD;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A custom optimizer without buffers, {@link SignSGD}, written outside this package on {@link BaseOptimizer}:
 * the {@link OptimizerContract}, and steps worked by hand.
 */
class CustomSignSGDTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> new SignSGD(ps, new SignSGD.Hyperparameters(0.01, WeightDecay.none())),
                ps -> new SignSGD(ps, new SignSGD.Hyperparameters(0.01, WeightDecay.coupledL2(0.1))),
                ps -> new SignSGD.Hyperparameters(0.01, WeightDecay.decoupledUnscaled(0.01)).create(ps));
    }

    @Override
    public String optimizerName() {
        return "SignSGD";
    }

    private static void assertClose(double[] expected, Matrix actual) {
        double[] a = actual.toRowMajorArray();
        for (int k = 0; k < a.length; k++) {
            assertTrue(Math.abs(a[k] - expected[k]) <= Tolerances.FEW_ULPS,
                    "element " + k + ": expected " + expected[k] + ", got " + a[k]);
        }
    }

    /** lr = 0.1 from (1, -2, 0.5) with g = (3, -0.5, 0): theta - 0.1 sign(g) = (0.9, -1.9, 0.5). */
    @Test
    void aStepMovesEachElementByTheLearningRateAgainstTheSignOfItsGradient() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        SignSGD opt = new SignSGD(List.of(p), new SignSGD.Hyperparameters(0.1, WeightDecay.none()));
        p.accumulateGrad(Matrix.rowVector(3.0, -0.5, 0.0));
        opt.step();
        assertClose(new double[] {0.9, -1.9, 0.5}, p.value());
        assertEquals(Map.of(), opt.state(p).buffers());
        assertEquals(1, opt.state(p).step());
    }

    /**
     * Coupled L2 decay reaches the rule through {@code g}: with lambda = 1 the gradient (3, -0.5, 0) becomes
     * (4, -2.5, 0.5), so the third element, whose own gradient is 0, moves too: (0.9, -1.9, 0.4).
     */
    @Test
    void coupledWeightDecayEntersTheSign() {
        Parameter p = new Parameter("w", Matrix.rowVector(1.0, -2.0, 0.5));
        SignSGD opt = new SignSGD(List.of(p), new SignSGD.Hyperparameters(0.1, WeightDecay.coupledL2(1.0)));
        p.accumulateGrad(Matrix.rowVector(3.0, -0.5, 0.0));
        opt.step();
        assertClose(new double[] {0.9, -1.9, 0.4}, p.value());
    }
}
