package io.github.dlref.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Adam.EpsilonForm#NO_BIAS_CORRECTION}: {@code theta -= lr m / (sqrt(v) + eps)} with the raw moments, against
 * values worked out by hand. With beta1 = 0.5, beta2 = 0.75, eps = 0, lr = 1 and the gradients 2 then 4:
 * <ul>
 *   <li>step 1: {@code m = 0.5 * 2 = 1}, {@code v = 0.25 * 4 = 1}, so theta moves by {@code 1 / 1 = 1}
 *       (Algorithm 1 would move by {@code m_hat / sqrt(v_hat) = 2 / 2 = 1} as well: at step 1 the corrected ratio is
 *       {@code sign(g)}, the uncorrected ratio is {@code (1 - beta1) / sqrt(1 - beta2) = 0.5 / 0.5 = 1});</li>
 *   <li>step 2: {@code m = 0.5 + 2 = 2.5}, {@code v = 0.75 + 4 = 4.75}, the move is {@code 2.5 / sqrt(4.75)};
 *       Algorithm 1 moves by {@code (2.5 / 0.75) / sqrt(4.75 / 0.4375)}.</li>
 * </ul>
 */
class AdamNoBiasCorrectionTest {

    static Adam.Hyperparameters hyper(Adam.EpsilonForm form) {
        return Adam.Hyperparameters.pytorch().withLearningRate(1.0).withBetas(0.5, 0.75).withEpsilon(0.0)
                .withEpsilonForm(form);
    }

    static double[] twoSteps(Adam.EpsilonForm form) {
        Parameter p = new Parameter("w", Matrix.scalar(0.0));
        Adam opt = new Adam(List.of(p), hyper(form));
        p.accumulateGrad(Matrix.scalar(2.0));
        opt.step();
        double first = p.value().scalarValue();
        p.zeroGrad();
        p.accumulateGrad(Matrix.scalar(4.0));
        opt.step();
        return new double[] {first, p.value().scalarValue() - first};
    }

    @Test
    void movesByTheRawMomentsRatio() {
        double[] moves = twoSteps(Adam.EpsilonForm.NO_BIAS_CORRECTION);
        assertEquals(-1.0, moves[0]);
        assertEquals(-2.5 / Math.sqrt(4.75), moves[1], 1e-15);
        double[] corrected = twoSteps(Adam.EpsilonForm.ALGORITHM_1);
        assertEquals(-1.0, corrected[0], 1e-15);
        assertEquals(-(2.5 / 0.75) / Math.sqrt(4.75 / 0.4375), corrected[1], 1e-15);
    }

    @Test
    void epsilonIsAddedToTheRawRoot() {
        Parameter p = new Parameter("w", Matrix.scalar(0.0));
        Adam opt = new Adam(List.of(p), hyper(Adam.EpsilonForm.NO_BIAS_CORRECTION).withEpsilon(1.0));
        p.accumulateGrad(Matrix.scalar(2.0));
        opt.step();
        // m = 1, v = 1: 1 / (1 + 1)
        assertEquals(-0.5, p.value().scalarValue());
    }

    @Test
    void describesItselfAndRefusesAlgorithm1Options() {
        assertTrue(hyper(Adam.EpsilonForm.NO_BIAS_CORRECTION).description()
                .startsWith("Adam without bias correction (lr m / (sqrt(v) + eps)) [lr=1.0, betas=(0.5, 0.75), eps=0.0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hyper(Adam.EpsilonForm.NO_BIAS_CORRECTION).withEpsilonRoot(1e-8));
        assertEquals("Adam: epsilonRoot must be 0 with NO_BIAS_CORRECTION (it is an Optax, Algorithm 1 option), got "
                + "1.0E-8", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> hyper(Adam.EpsilonForm.NO_BIAS_CORRECTION).withAmsGrad(Adam.AmsGrad.MAX_OF_BIAS_CORRECTED_SECOND_MOMENT));
        assertEquals("Adam: MAX_OF_BIAS_CORRECTED_SECOND_MOMENT needs ALGORITHM_1 (NO_BIAS_CORRECTION never forms the "
                + "bias-corrected second moment)", f.getMessage());
    }
}
