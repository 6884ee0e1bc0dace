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
}
