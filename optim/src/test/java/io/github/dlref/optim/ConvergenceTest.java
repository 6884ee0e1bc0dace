package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import io.github.dlref.optim.schedule.ExponentialDecay;
import io.github.dlref.optim.schedule.LearningRateSchedule;
import io.github.dlref.optim.schedule.LearningRateScheduler;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer reaches the known minimum of a convex problem within a stated number of steps:
 * {@code max_k |theta_k - theta*_k| <= tolerance}. The minima are closed-form: x* = -1 for
 * {@code 3x^2 + 6x}; {@code theta* = c} for the bowl; with coupled L2 {@code lambda} the bowl's minimum moves
 * to {@code a c / (a + lambda)}. The step budgets are about 1.5 times the measured count, so a change that
 * slows an optimizer down fails; for SGD with momentum 0.5 and lr 0.05 the measured count (about 430) is the
 * spectral rate of the slowest coordinate (a = 0.5: roots of {@code z^2 - (1 + mu - lr a) z + mu}, largest
 * 0.947; {@code ln(1.5e10) / -ln(0.947) = 430}). RMSProp's steps do not shrink with the gradient (they are
 * about lr in size), so it gets an exponentially decaying learning rate, showing that schedules compose with
 * it, and a tolerance of 1e-5.
 */
class ConvergenceTest {

    record Setup(String name, Problems.Problem problem, double[] minimum, Function<List<Parameter>, Optimizer> optimizer,
            LearningRateSchedule schedule, double tolerance, int budget) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final double[] CS231N_MIN = {-1.0};
    static final double[] BOWL_MIN = Problems.BOWL_C.clone();

    static double[] bowlMinimumWithL2(double lambda) {
        double[] m = new double[4];
        for (int k = 0; k < 4; k++) {
            m[k] = Problems.BOWL_A[k] * Problems.BOWL_C[k] / (Problems.BOWL_A[k] + lambda);
        }
        return m;
    }

    static List<Arguments> setups() {
        return List.of(
                Arguments.of(new Setup("SGD lr 0.1 (cs231n)", Problems.CS231N, CS231N_MIN,
                        ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.1)), null, 1e-12, BUDGET_SGD_CS231N)),
                Arguments.of(new Setup("SGD PyTorch momentum", Problems.BOWL, BOWL_MIN,
                        ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.05).withMomentum(0.5)), null, 1e-10, 650)),
                Arguments.of(new Setup("SGD Nesterov", Problems.BOWL, BOWL_MIN,
                        ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.05).withMomentum(0.5).withNesterov(true)), null,
                        1e-10, 670)),
                Arguments.of(new Setup("SGD Keras momentum", Problems.BOWL, BOWL_MIN,
                        ps -> new SGD(ps, SGD.Hyperparameters.keras().withLearningRate(0.05).withMomentum(0.5)), null,
                        1e-10, 650)),
                Arguments.of(new Setup("SGD EMA momentum (bp-optimizers)", Problems.BOWL, BOWL_MIN,
                        ps -> new SGD(ps, SGD.Hyperparameters.bpOptimizers(0.1)), null, 1e-10, 680)),
                Arguments.of(new Setup("SGD with L2 0.5", Problems.BOWL, bowlMinimumWithL2(0.5),
                        ps -> new SGD(ps, SGD.Hyperparameters.pytorch(0.05).withWeightDecay(WeightDecay.coupledL2(0.5))),
                        null, 1e-10, 690)),
                Arguments.of(new Setup("AdaGrad PyTorch", Problems.BOWL, BOWL_MIN,
                        ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.pytorch().withLearningRate(1.0)), null, 1e-8, 375)),
                Arguments.of(new Setup("AdaGrad Keras", Problems.BOWL, BOWL_MIN,
                        ps -> new AdaGrad(ps, AdaGrad.Hyperparameters.keras().withLearningRate(1.0)), null, 1e-8, 375)),
                Arguments.of(new Setup("RMSProp PyTorch, exponential decay", Problems.BOWL, BOWL_MIN,
                        ps -> new RMSProp(ps, RMSProp.Hyperparameters.pytorch()), ExponentialDecay.perStep(0.1, 0.99),
                        1e-5, 585)),
                Arguments.of(new Setup("RMSProp Keras centered momentum, exponential decay", Problems.BOWL, BOWL_MIN,
                        ps -> new RMSProp(ps, RMSProp.Hyperparameters.keras().withCentered(true).withMomentum(0.5)),
                        ExponentialDecay.perStep(0.05, 0.98), 1e-5, 185)),
                Arguments.of(new Setup("Adam PyTorch", Problems.BOWL, BOWL_MIN,
                        ps -> new Adam(ps, Adam.Hyperparameters.pytorch().withLearningRate(0.1)), null, 1e-8, 580)),
                Arguments.of(new Setup("Adam Keras", Problems.BOWL, BOWL_MIN,
                        ps -> new Adam(ps, Adam.Hyperparameters.keras().withLearningRate(0.1)), null, 1e-8, 580)),
                Arguments.of(new Setup("AMSGrad PyTorch", Problems.BOWL, BOWL_MIN,
                        ps -> new Adam(ps, Adam.Hyperparameters.pytorch().withLearningRate(0.1)
                                .withAmsGrad(Adam.AmsGrad.MAX_OF_RAW_SECOND_MOMENT)), null, 1e-8, 600)),
                Arguments.of(new Setup("AMSGrad Optax", Problems.BOWL, BOWL_MIN,
                        ps -> new Adam(ps, Adam.Hyperparameters.optaxAmsGrad(0.1)), null, 1e-8, 1470)));
    }

    /**
     * Plain SGD on {@code 3x^2 + 6x} with lr 0.1: {@code x + 1 <- (1 - 0.6)(x + 1)}, so {@code |x_t + 1| = 3 (0.4)^t},
     * which is {@code <= 1e-12} first at {@code t = ceil(ln(3e12) / ln(2.5)) = 32}.
     */
    static final int BUDGET_SGD_CS231N = 32;

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void reachesTheMinimum(Setup s) {
        List<Parameter> ps = s.problem().newParameters();
        Optimizer opt = s.optimizer().apply(ps);
        LearningRateScheduler scheduler = s.schedule() == null ? null : new LearningRateScheduler(opt, s.schedule());
        Matrix minimum = Matrix.fromRowMajor(ps.get(0).rows(), ps.get(0).cols(), s.minimum());
        int steps = 0;
        while (ps.get(0).value().minus(minimum).normP(Double.POSITIVE_INFINITY) > s.tolerance() && steps < 100000) {
            s.problem().setGradients(ps);
            opt.step();
            if (scheduler != null) {
                scheduler.step();
            }
            steps++;
        }
        assertTrue(steps <= s.budget(), s.name() + ": " + steps + " steps > budget " + s.budget() + ", still "
                + ps.get(0).value().minus(minimum).normP(Double.POSITIVE_INFINITY) + " from the minimum");
        if (s.name().startsWith("SGD lr 0.1")) {
            assertTrue(steps == BUDGET_SGD_CS231N, "derived step count " + BUDGET_SGD_CS231N + ", measured " + steps);
        }
    }
}
