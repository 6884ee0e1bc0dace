package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Rng;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

    @Test
    void drawsFollowTheDocumentedOrderAndAreLogUniform() {
        SearchSpace space = new SearchSpace(1e-4, 1e-1, 1e-6, 1e-2, 16, 256, 0.5);
        Rng rng = new Rng(3);
        java.util.Random reference = new java.util.Random(3);
        for (int i = 0; i < 50; i++) {
            SearchSpace.Point p = space.draw(rng);
            double u1 = reference.nextDouble();
            double u2 = reference.nextDouble();
            int k = reference.nextInt(256 - 16 + 1);
            double u3 = reference.nextDouble();
            // log10(lr) = -4 + 3 u1, log10(wd) = -6 + 4 u2
            assertEquals(-4 + 3 * u1, Math.log10(p.learningRate()), 1e-12);
            assertEquals(-6 + 4 * u2, Math.log10(p.weightDecay()), 1e-12);
            assertEquals(16 + k, p.hidden());
            assertEquals(0.5 * u3, p.dropout());
        }
        SearchSpace none = new SearchSpace(0.01, 0.01, 0, 0, 8, 8, 0);
        SearchSpace.Point p = none.draw(new Rng(1));
        assertEquals(0.01, p.learningRate());
        assertEquals(0.0, p.weightDecay());
        assertEquals(8, p.hidden());
        assertEquals(0.0, p.dropout());
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace(0, 1, 0, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace(1e-3, 1e-2, 0, 1e-3, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace(1e-3, 1e-2, 0, 0, 2, 1, 0));
    }

    @Test
    void trialsAreSortedBestFirstAndDivergedLast() throws IOException {
        TrainingConfig base = Configs.iris(2, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        // a range reaching 1e300 so that some trials diverge
        SearchSpace space = new SearchSpace(1e-3, 1e300, 0, 0, 4, 12, 0);
        List<RandomSearch.Trial> trials = RandomSearch.run(base, Configs.prepare(base), space, 6, 5L,
                TrainingListener.NONE, t -> { });
        assertEquals(6, trials.size());
        boolean sawDiverged = false;
        for (int i = 0; i < trials.size(); i++) {
            RandomSearch.Trial t = trials.get(i);
            if (t.diverged() != null) {
                sawDiverged = true;
                assertTrue(Double.isNaN(t.score()));
            } else {
                assertTrue(!sawDiverged, "a diverged trial ranks after every scored one");
                if (i > 0 && trials.get(i - 1).diverged() == null) {
                    assertTrue(trials.get(i - 1).score() >= t.score());
                }
            }
            assertEquals(t.point().hidden(), t.config().model().hidden().get(0));
            assertEquals(t.point().learningRate(), t.config().optimizer().initialLearningRate());
        }
        assertTrue(sawDiverged, "with learning rates up to 1e300 some trial diverges");
        assertTrue(trials.get(trials.size() - 1).diverged().startsWith("epoch "), "a diverged trial names its epoch");
    }

    @Test
    void theStrategiesOfCs231nOnTheSvmLoss() throws IOException {
        PreparedData data = Configs.prepare(Configs.iris(1, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)));
        // With weights of order 1e-300 every score is 0 to rounding, so each sample's SVM loss is
        // sum over the C - 1 wrong classes of max(0, 0 - 0 + 1) = C - 1 = 2, exactly.
        List<SearchStrategies.Curve> tiny = SearchStrategies.run(data.train(),
                new SearchStrategies.Settings(3, 1e-300, 1e-300, 1e-300, 1L));
        assertEquals(2.0, tiny.get(0).finalLoss());

        List<SearchStrategies.Curve> curves = SearchStrategies.run(data.train(),
                new SearchStrategies.Settings(60, 0.1, 0.05, 0.1, 1L));
        assertEquals(List.of("random search", "random local search", "following the gradient"),
                curves.stream().map(SearchStrategies.Curve::name).toList());
        for (SearchStrategies.Curve c : curves.subList(0, 2)) {
            for (int i = 1; i < c.losses().length; i++) {
                assertTrue(c.losses()[i] <= c.losses()[i - 1], c.name() + " keeps its best loss");
            }
        }
        SearchStrategies.Curve gradient = curves.get(2);
        assertTrue(gradient.finalLoss() < gradient.losses()[0], "following the gradient lowers the loss");
        assertTrue(gradient.finalLoss() < curves.get(0).finalLoss(), "the gradient beats random search (cs231n)");
        assertEquals(60, gradient.gradientEvaluations());
        assertEquals(61, curves.get(1).lossEvaluations());
    }

    @Test
    void comparedRunsStartFromTheSameWeightsAndDivergenceIsAResult() throws IOException {
        TrainingConfig base = Configs.iris(2, OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH));
        List<OptimizerComparison.Result> results = OptimizerComparison.run(base, Configs.prepare(base), List.of(
                OptimizerComparison.Variant.of(OptimizerConfig.of(OptimizerKind.SGD, Preset.PYTORCH)
                        .withLearningRate(1e300), ScheduleConfig.CONSTANT),
                OptimizerComparison.Variant.of(OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH),
                        ScheduleConfig.CONSTANT)), TrainingListener.NONE);
        assertTrue(results.get(0).diverged() != null && results.get(0).history().isEmpty());
        assertEquals(2, results.get(1).history().size());
        assertTrue(results.get(0).diverged().startsWith("epoch 1,"), results.get(0).diverged());
    }
}
