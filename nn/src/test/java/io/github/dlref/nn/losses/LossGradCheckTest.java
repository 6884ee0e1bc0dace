package io.github.dlref.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Tensor;
import io.github.dlref.autograd.ops.Reduction;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.GradChecks;
import io.github.dlref.nn.TestData;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every loss passes the gradient check with respect to its prediction, for every reduction ({@code NONE} is
 * checked through a fixed random weighting of the unreduced losses). Inputs avoid the kinks (errors of 0,
 * hinges at 0, ties of the maximum norm).
 */
class LossGradCheckTest {

    /** The loss classes this test checks; {@link #everyLossClassIsGradientChecked()} keeps it complete. */
    static final Set<Class<? extends Loss>> CHECKED = Set.of(MSELoss.class, SumOfSquaresLoss.class, L1Loss.class,
            PNormLoss.class, CrossEntropyLoss.class, ProbabilityCrossEntropyLoss.class, BCELoss.class,
            BCEWithLogitsLoss.class, MulticlassHingeLoss.class, MultiMarginLoss.class, SoftmaxLoss.class,
            // issue 21, checked in Issue21LossesTest.gradientChecks
            HuberLoss.class, SmoothL1Loss.class, KLDivLoss.class, NLLLoss.class);

    private static final int[] CLASSES = {0, 2, 1, 2, 0};
    private static final Matrix ONE_HOT = Targets.oneHot(CLASSES, 3);

    private static void check(Loss loss, Matrix prediction, Matrix target) {
        Tensor probe = loss.forward(Tensor.constant(prediction), target);
        Matrix weights = TestData.gaussian(77, probe.rows(), probe.cols());
        GradChecks.assertInputs(in -> loss.forward(in[0], target).times(Tensor.constant(weights)).sum(),
                Tensor.variable("prediction", prediction));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void regressionLosses(Reduction r) {
        Matrix target = TestData.gaussian(1, 5, 3);
        Matrix prediction = target.plus(TestData.awayFromZero(2, 5, 3, 0.05)); // errors away from 0
        check(new MSELoss(r), prediction, target);
        check(new SumOfSquaresLoss(r), prediction, target);
        check(new L1Loss(r), prediction, target);
        for (double p : new double[] {1, 2, 3, 1.5, Double.POSITIVE_INFINITY}) {
            check(new PNormLoss(p, r), prediction, target);
        }
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void probabilisticLosses(Reduction r) {
        Matrix logits = TestData.gaussian(3, 5, 3).times(2);
        Matrix soft = TestData.gaussian(4, 5, 3).exp();
        Matrix rowSums = soft.sumRows();
        Matrix softTargets = Matrix.build(5, 3, (i, j) -> soft.get(i, j) / rowSums.get(i, 0));
        check(new CrossEntropyLoss(r), logits, softTargets);
        check(new CrossEntropyLoss(r), logits, ONE_HOT);
        check(new SoftmaxLoss(r), logits, ONE_HOT);
        Matrix probabilities = logits.map(z -> 1 / (1 + Math.exp(-z)));
        check(new ProbabilityCrossEntropyLoss(r), probabilities, softTargets);
        Matrix binary = new Rng(5).uniform(5, 3, 0, 1).map(u -> u < 0.5 ? 0.0 : 1.0);
        check(new BCELoss(r), probabilities, binary);
        check(new BCELoss(r), probabilities, softTargets);
        check(new BCEWithLogitsLoss(r), logits, binary);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void marginLosses(Reduction r) {
        // Scores on a grid of 0.25 with margins 1.1 or 0.6: every hinge s_j - s_r + t is at least 0.1 from 0.
        Matrix scores = new Rng(6).uniform(5, 3, -2, 2).map(v -> Math.round(v * 4) / 4.0);
        check(new MulticlassHingeLoss(1.1, r), scores, ONE_HOT);
        check(new MulticlassHingeLoss(0.6, r), scores, ONE_HOT);
        check(new MultiMarginLoss(1, 0.6, r), scores, ONE_HOT);
        check(new MultiMarginLoss(2, 0.6, r), scores, ONE_HOT);
    }

    @Test
    void everyLossClassIsGradientChecked() throws IOException, URISyntaxException {
        Path classes = Path.of(Loss.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> found = new HashSet<>();
        try (Stream<Path> files = Files.list(classes.resolve("io/github/dlref/nn/losses"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Class<?> c = Class.forName("io.github.dlref.nn.losses." + f.getFileName().toString()
                        .replace(".class", ""));
                if (Loss.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c);
                    if (!CHECKED.contains(c)) {
                        missing.add(c.getName());
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(Set.of(), missing, "losses without a gradient check in LossGradCheckTest");
        // guards the scan itself: one that found nothing would pass the line above vacuously
        assertTrue(found.containsAll(CHECKED), () -> "the scan missed checked losses; found " + found);
    }
}
