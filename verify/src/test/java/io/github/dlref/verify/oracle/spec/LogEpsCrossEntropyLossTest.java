package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.check.GradCheck;
import io.github.dlref.autograd.check.GradCheckReport;
import io.github.dlref.autograd.check.GradCheckSettings;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.losses.CrossEntropyLoss;
import org.junit.jupiter.api.Test;

/**
 * {@link LogEpsCrossEntropyLoss}, {@code -sum_k t_k log(softmax(s)_k + eps)}: values in closed form, the numeric
 * gradient check, the exact cross-entropy at {@code eps = 0}, the spec's {@code cross_entropy_log_eps} and its
 * refusals.
 */
class LogEpsCrossEntropyLossTest {

    static final Matrix TWO_TIES = Matrix.of(new double[][] {{0.0, 0.0}, {0.0, 0.0}});
    static final Matrix FIRST_CLASS = Matrix.of(new double[][] {{1.0, 0.0}, {1.0, 0.0}});

    /** Equal logits give p = 1/2; with eps 1/2 the log is log 1 = 0, with eps 0 it is -log(1/2) = log 2. */
    @Test
    void closedFormValues() {
        assertEquals(0.0, new LogEpsCrossEntropyLoss(0.5, Reduction.MEAN)
                .forward(Tensor.constant(TWO_TIES), FIRST_CLASS).item());
        assertEquals(Math.log(2.0), new LogEpsCrossEntropyLoss(0.0, Reduction.MEAN)
                .forward(Tensor.constant(TWO_TIES), FIRST_CLASS).item(), 1e-15);
        assertEquals(2.0 * Math.log(2.0), new LogEpsCrossEntropyLoss(0.0, Reduction.SUM)
                .forward(Tensor.constant(TWO_TIES), FIRST_CLASS).item(), 1e-15);
        // eps 0.25: -log(0.75) per sample
        assertEquals(-Math.log(0.75), new LogEpsCrossEntropyLoss(0.25, Reduction.MEAN)
                .forward(Tensor.constant(TWO_TIES), FIRST_CLASS).item(), 1e-15);
    }

    /** d l / d s_k = (p_y / (p_y + eps)) (p_k - [k = y]) / N: with p = 1/2, eps 1/2, N 2: (1/2)(-1/2, 1/2) / 2. */
    @Test
    void closedFormGradient() {
        Tensor s = Tensor.variable(TWO_TIES);
        new LogEpsCrossEntropyLoss(0.5, Reduction.MEAN).forward(s, FIRST_CLASS).backward();
        Matrix g = s.grad();
        for (int i = 0; i < 2; i++) {
            assertEquals(-0.125, g.get(i, 0), 1e-16);
            assertEquals(0.125, g.get(i, 1), 1e-16);
        }
    }

    @Test
    void passesTheGradientCheck() {
        Matrix logits = Matrix.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.4}, {-0.7, 0.2, 0.9}});
        Matrix soft = Matrix.of(new double[][] {{0.2, 0.5, 0.3}, {1.0, 0.0, 0.0}, {0.0, 0.25, 0.75}});
        for (double eps : new double[] {0.0, 1e-3, 0.1}) {
            for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
                LogEpsCrossEntropyLoss loss = new LogEpsCrossEntropyLoss(eps, r);
                GradCheckReport report = GradCheck.check(GradCheckSettings.DEFAULTS, in -> loss.forward(in[0], soft),
                        Tensor.variable(logits));
                assertTrue(report.passed() && !report.inputs().isEmpty(), report::toString);
            }
        }
    }

    /** With eps = 0 it is PyTorch's CrossEntropyLoss on probability targets, up to rounding. */
    @Test
    void withoutEpsIsTheExactCrossEntropy() {
        Matrix logits = Matrix.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.4}});
        Matrix target = Matrix.of(new double[][] {{0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}});
        double exact = new CrossEntropyLoss(Reduction.MEAN).forward(Tensor.constant(logits), target).item();
        double ours = new LogEpsCrossEntropyLoss(0.0, Reduction.MEAN).forward(Tensor.constant(logits), target).item();
        assertEquals(exact, ours, 1e-15 * exact);
        double withEps = new LogEpsCrossEntropyLoss(1e-7, Reduction.MEAN).forward(Tensor.constant(logits), target)
                .item();
        assertTrue(withEps < exact && exact - withEps > 1e-8, exact + " vs " + withEps);
    }

    @Test
    void refusesBadSettingsAndShapes() {
        assertEquals("LogEpsCrossEntropyLoss: eps must be finite and >= 0, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> new LogEpsCrossEntropyLoss(-1.0, Reduction.MEAN)).getMessage());
        assertEquals("LogEpsCrossEntropyLoss: eps must be finite and >= 0, got NaN", assertThrows(
                IllegalArgumentException.class, () -> new LogEpsCrossEntropyLoss(Double.NaN, Reduction.MEAN))
                .getMessage());
        assertEquals("LogEpsCrossEntropyLoss: eps must be finite and >= 0, got Infinity", assertThrows(
                IllegalArgumentException.class, () -> new LogEpsCrossEntropyLoss(Double.POSITIVE_INFINITY,
                        Reduction.MEAN)).getMessage());
        assertEquals("LogEpsCrossEntropyLoss: reduction must be MEAN or SUM, got NONE", assertThrows(
                IllegalArgumentException.class, () -> new LogEpsCrossEntropyLoss(0.0, Reduction.NONE)).getMessage());
        LogEpsCrossEntropyLoss loss = new LogEpsCrossEntropyLoss(1e-7, Reduction.SUM);
        assertEquals("LogEpsCrossEntropyLoss: logits 2x2 and target 1x2 differ in shape", assertThrows(
                IllegalArgumentException.class, () -> loss.forward(Tensor.constant(TWO_TIES),
                        Matrix.of(new double[][] {{1.0, 0.0}}))).getMessage());
        assertEquals("LogEpsCrossEntropyLoss: logits 2x2 and target 2x3 differ in shape", assertThrows(
                IllegalArgumentException.class, () -> loss.forward(Tensor.constant(TWO_TIES),
                        Matrix.zeros(2, 3))).getMessage());
        assertEquals("LogEpsCrossEntropyLoss: the loss of an empty batch (0 samples) is undefined", assertThrows(
                IllegalArgumentException.class, () -> loss.forward(Tensor.constant(Matrix.zeros(0, 2)),
                        Matrix.zeros(0, 2))).getMessage());
        assertEquals(1e-7, loss.eps());
        assertEquals(Reduction.SUM, loss.reduction());
        assertEquals("LogEpsCrossEntropyLoss(eps=1.0E-7, reduction=SUM)", loss.toString());
    }

    /** The spec's cross_entropy_log_eps builds this loss; eps is required and must be >= 0. */
    @Test
    void theSpecLossBuildsIt() {
        LogEpsCrossEntropyLoss built = (LogEpsCrossEntropyLoss) SpecBuilders.loss(Component.of("loss",
                "cross_entropy_log_eps", "eps", 1e-8, "reduction", "sum"));
        assertEquals(1e-8, built.eps());
        assertEquals(Reduction.SUM, built.reduction());
        assertEquals(Reduction.MEAN, ((LogEpsCrossEntropyLoss) SpecBuilders.loss(Component.of("loss",
                "cross_entropy_log_eps", "eps", 0.0))).reduction());
        assertTrue(SpecBuilders.isClassificationLoss(Component.of("loss", "cross_entropy_log_eps", "eps", 1e-7)));
        SpecException missing = assertThrows(SpecException.class, () -> Component.of("loss", "cross_entropy_log_eps"));
        assertTrue(missing.getMessage().contains("eps"), missing.getMessage());
        SpecException negative = assertThrows(SpecException.class, () -> Component.of("loss", "cross_entropy_log_eps",
                "eps", -1.0));
        assertTrue(negative.getMessage().contains("eps"), negative.getMessage());
    }
}
