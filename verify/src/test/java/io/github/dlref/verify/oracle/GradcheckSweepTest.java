package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.check.GradCheckSettings;
import io.github.dlref.verify.TestTolerances;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep behind {@code dlref gradcheck}: every subject passes with the default settings, the sweep
 * covers every op of the engine, every layer type and every loss type of the spec format at every shape, and
 * it can fail (with a step so large that truncation error dominates).
 */
class GradcheckSweepTest {

    static List<GradcheckSweep.Row> rows;

    @BeforeAll
    static void sweep() {
        rows = GradcheckSweep.run(GradCheckSettings.DEFAULTS);
    }

    @Test
    void everySubjectPassesWithTheDefaults() {
        List<GradcheckSweep.Row> failed = rows.stream().filter(r -> !r.passed()).toList();
        assertTrue(failed.isEmpty(), "failed: " + failed);
        double worst = rows.stream().mapToDouble(GradcheckSweep.Row::maxAbsoluteError).max().orElseThrow();
        System.out.println("GradcheckSweepTest: " + rows.size() + " checks, worst absolute error " + worst);
        assertTrue(worst < TestTolerances.GRADCHECK_SWEEP_WORST, "worst absolute error " + worst);
    }

    @Test
    void coversEveryOpOfTheEngineAtEveryShape() {
        Set<String> ops = rows.stream().filter(r -> r.kind().equals("op")).map(r -> r.subject().replaceAll("\\(.*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        // One entry per autograd op class (io.github.dlref.autograd.ops), named after its fluent method.
        Set<String> expected = new TreeSet<>(List.of("abs", "binary_cross_entropy_with_logits", "clamp", "div",
                "dropout_mask", "exp", "frobenius_norm_squared", "leaky_relu", "log", "log_softmax", "matmul",
                "max_per_row", "maximum", "mean", "minus", "neg", "plus", "plus_row", "plus_scalar", "pow", "relu",
                "sigmoid", "softmax", "softmax_cross_entropy", "sqrt", "sum", "sum_cols", "sum_rows", "tanh", "times",
                "times_scalar", "times_transpose", "transpose", "transpose_times"));
        assertEquals(expected, ops);
        for (String op : expected) {
            long shapes = rows.stream().filter(r -> r.kind().equals("op") && r.subject().startsWith(op))
                    .map(GradcheckSweep.Row::shape).distinct().count();
            assertEquals(GradcheckSweep.SHAPES.size(), shapes, op);
        }
    }

    @Test
    void coversEveryLayerAndLossTypeOfTheSpecFormat() {
        Set<String> layers = rows.stream().filter(r -> r.kind().equals("layer"))
                .map(r -> r.subject().replaceAll("[(/].*", "")).collect(Collectors.toCollection(TreeSet::new));
        // dropout draws a new mask per call; its arithmetic is the dropout_mask op.
        assertEquals(new TreeSet<>(List.of("batchnorm", "identity", "leaky_relu", "linear", "relu", "sigmoid",
                "softmax", "tanh",
                // issue 21
                "layer_norm", "gelu", "elu", "selu", "silu", "softplus", "hardtanh", "log_softmax")), layers);
        Set<String> losses = rows.stream().filter(r -> r.kind().equals("loss"))
                .map(r -> r.subject().replaceAll("\\(.*", "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("bce", "bce_with_logits", "cross_entropy", "l1", "mse", "multi_margin",
                "multiclass_hinge", "pnorm", "probability_cross_entropy", "softmax_loss", "sum_of_squares",
                // issue 21
                "huber", "smooth_l1", "kl_div", "nll")), losses);
    }

    @Test
    void aCoarseStepFails() {
        List<GradcheckSweep.Row> coarse = GradcheckSweep.run(GradCheckSettings.DEFAULTS.withH(0.5));
        GradcheckSweep.Row exp = coarse.stream().filter(r -> r.subject().equals("exp") && r.shape().equals("4 x 5"))
                .findFirst().orElseThrow();
        assertTrue(!exp.passed() && !exp.worst().isEmpty(), exp.toString());
        GradcheckSweep.Row outOfDomain = coarse.stream().filter(r -> r.subject().startsWith("probability_cross_entropy")
                && !r.passed()).findFirst().orElseThrow();
        assertTrue(outOfDomain.worst().startsWith("error: ProbabilityCrossEntropy"), outOfDomain.toString());
    }

    @Test
    void secondOrderPassesForEveryTwiceDifferentiableSubjectAndNamesTheKinkedOnes() {
        GradcheckSweep.SecondOrder second = GradcheckSweep.runSecondOrder(GradCheckSettings.DEFAULTS);
        System.out.println("GradcheckSweepTest: " + second.rows().size() + " second-order checks; left out: "
                + second.notTwiceDifferentiable());
        List<GradcheckSweep.Row> failed = second.rows().stream().filter(r -> !r.passed()).toList();
        assertTrue(failed.isEmpty(), "failed: " + failed);
        // the piecewise-linear ops are left out (Op.isTwiceDifferentiable() is false), every other op is checked
        // at every shape
        Set<String> kinked = Set.of("abs", "relu", "leaky_relu", "clamp", "max_per_row", "maximum");
        Set<String> leftOps = second.notTwiceDifferentiable().stream().filter(n -> n.startsWith("op "))
                .map(n -> n.substring(3).replaceAll("\\(.*", "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(kinked), leftOps);
        Set<String> firstOrderOps = rows.stream().filter(r -> r.kind().equals("op"))
                .map(r -> r.subject().replaceAll("\\(.*", "")).collect(Collectors.toCollection(TreeSet::new));
        for (String op : firstOrderOps) {
            long shapes = second.rows().stream().filter(r -> r.kind().equals("op")
                    && r.subject().replaceAll("\\(.*", "").equals(op)).map(GradcheckSweep.Row::shape).distinct().count();
            assertEquals(kinked.contains(op) ? 0 : GradcheckSweep.SHAPES.size(), shapes, op);
        }
        // a second-order row compares the gradient with respect to each input and to the output's weights u
        GradcheckSweep.Row matmul = second.rows().stream().filter(r -> r.subject().equals("matmul")
                && r.shape().equals("4 x 5")).findFirst().orElseThrow();
        assertEquals(2 * 3, matmul.inputs(), "d(grad a)/d(a, b, u) and d(grad b)/d(a, b, u)");
        // smooth layers and losses are in, kinked ones out
        assertTrue(second.rows().stream().anyMatch(r -> r.kind().equals("layer") && r.subject().startsWith("gelu")));
        assertTrue(second.rows().stream().anyMatch(r -> r.kind().equals("loss") && r.subject().startsWith("mse")));
        assertTrue(second.notTwiceDifferentiable().contains("layer relu"), second.notTwiceDifferentiable().toString());
        assertTrue(second.notTwiceDifferentiable().stream().anyMatch(n -> n.startsWith("loss huber")));
    }

    @Test
    void aCoarseStepFailsTheSecondOrderCheckToo() {
        GradcheckSweep.SecondOrder coarse = GradcheckSweep.runSecondOrder(GradCheckSettings.DEFAULTS.withH(0.5));
        GradcheckSweep.Row exp = coarse.rows().stream().filter(r -> r.subject().equals("exp")
                && r.shape().equals("4 x 5")).findFirst().orElseThrow();
        assertTrue(!exp.passed() && exp.worst().contains("'d(grad a)/d(a)'"), exp.toString());
    }
}
