package io.github.dlref.optim;

import static io.github.dlref.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** AdaGrad: the contract for every form, validation, presets and first steps by hand. */
class AdaGradTest implements OptimizerContract {

    @Override
    public List<Function<List<Parameter>, Optimizer>> variants() {
        return List.of(
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.pytorch()),
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.pytorch().withLearningRateDecay(0.1)
                        .withWeightDecay(WeightDecay.coupledL2(0.01))),
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.keras().withWeightDecay(WeightDecay.decoupled(0.01))),
                ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.dlBasics(0.1)
                        .withWeightDecay(WeightDecay.decoupledUnscaled(0.01))));
    }

    @Override
    public String optimizerName() {
        return "AdaGrad";
    }

    private static double firstStep(AdaGrad.Hyperparameters h) {
        List<Parameter> ps = Problems.CS231N.newParameters();
        AdaGrad opt = new AdaGrad(ps, h);
        Problems.CS231N.setGradients(ps);
        opt.step();
        return ps.get(0).value().scalarValue();
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= Tolerances.CLOSED_FORM_RELATIVE * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    /**
     * First step from x = 2 (g = 18), written out: PyTorch s = 0 + 324, x = 2 - 0.1 * 18 / (sqrt(324) + 1e-10);
     * Keras s = 0.1 + 324, x = 2 - 0.001 * 18 / sqrt(324.1 + 1e-7); with lr_decay the first step is not
     * decayed (clr = lr / (1 + 0 * decay)).
     */
    @Test
    void firstStepsByHand() {
        assertClose(2 - 0.1 * 18 / (18 + 1e-10), firstStep(AdaGrad.Hyperparameters.pytorch().withLearningRate(0.1)));
        assertClose(2 - 0.001 * 18 / Math.sqrt(324.1 + 1e-7), firstStep(AdaGrad.Hyperparameters.keras()));
        assertEquals(firstStep(AdaGrad.Hyperparameters.pytorch()),
                firstStep(AdaGrad.Hyperparameters.pytorch().withLearningRateDecay(0.5)));
    }

    /** With lr_decay k the t-th step uses lr / (1 + (t - 1) k): two steps of a constant gradient 1. */
    @Test
    void learningRateDecayByHand() {
        Parameter p = new Parameter("w", Matrix.scalar(0.0));
        AdaGrad opt = new AdaGrad(List.of(p), AdaGrad.Hyperparameters.pytorch().withLearningRate(1.0)
                .withLearningRateDecay(1.0).withEpsilon(0.0));
        p.accumulateGrad(Matrix.scalar(1.0));
        opt.step();
        assertEquals(-1.0, p.value().scalarValue());
        opt.step();
        assertEquals(-1.0 - 0.5 / Math.sqrt(2.0), p.value().scalarValue());
        assertEquals(2.0, opt.state(p).buffer("sum").scalarValue());
        assertEquals(2, opt.state(p).step());
    }

    @Test
    void presetsCarryTheirFrameworksDefaults() {
        AdaGrad.Hyperparameters torch = AdaGrad.Hyperparameters.pytorch();
        assertEquals(List.of(0.01, 0.0, 0.0, 1e-10), List.of(torch.learningRate(), torch.learningRateDecay(),
                torch.initialAccumulatorValue(), torch.epsilon()));
        assertEquals(EpsilonPlacement.OUTSIDE_SQRT, torch.epsilonPlacement());
        AdaGrad.Hyperparameters keras = AdaGrad.Hyperparameters.keras();
        assertEquals(List.of(0.001, 0.1, 1e-7), List.of(keras.learningRate(), keras.initialAccumulatorValue(),
                keras.epsilon()));
        assertEquals(EpsilonPlacement.INSIDE_SQRT, keras.epsilonPlacement());
        assertEquals(AdaGrad.Hyperparameters.optax(0.001), keras);
        assertEquals(AdaGrad.DOCUMENT_CORRECTION_EPSILON, AdaGrad.Hyperparameters.dlBasics(0.1).epsilon());
        assertEquals(AdaGrad.Hyperparameters.dlBasics(0.1), AdaGrad.Hyperparameters.paramOptimization(0.1));
        Parameter p = new Parameter("w", Matrix.filled(2, 2, 5.0));
        AdaGrad opt = new AdaGrad(List.of(p), keras);
        assertEquals(Matrix.filled(2, 2, 0.1), opt.state(p).buffer("sum"));
    }

    @Test
    void invalidHyperparametersFailNamingParameterValueAndRange() {
        AdaGrad.Hyperparameters h = AdaGrad.Hyperparameters.pytorch();
        assertMessage(() -> h.withLearningRate(-1.0), "AdaGrad: learningRate must be in [0, inf), got -1.0");
        assertMessage(() -> h.withLearningRateDecay(-0.5), "AdaGrad: learningRateDecay must be in [0, inf), got -0.5");
        assertMessage(() -> h.withInitialAccumulatorValue(-0.1),
                "AdaGrad: initialAccumulatorValue must be in [0, inf), got -0.1");
        assertMessage(() -> h.withEpsilon(-1e-8), "AdaGrad: epsilon must be in [0, inf), got -1.0E-8");
        assertMessage(() -> h.withEpsilon(Double.NaN), "AdaGrad: epsilon must be in [0, inf), got NaN");
        assertMessage(() -> h.withEpsilonPlacement(null), "AdaGrad: epsilonPlacement must not be null");
    }
}
