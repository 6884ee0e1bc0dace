package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RandomSearch} without training where possible: a trial's score and losses, the ranking (score, then
 * validation loss, then trial number; unscored last), the CSV table, the configuration of a drawn point and the
 * refusals; and {@link SearchSpace}'s and {@link SearchStrategies.Settings}' refusals by message.
 */
class RandomSearchTest {

    static final TrainingConfig BASE = new TrainingConfig(DataConfig.builtIn(DataSource.IRIS),
            new ModelConfig(List.of(16, 8), Activation.TANH, 0.0, true, InitScheme.XAVIER),
            OptimizerConfig.of(OptimizerKind.ADAM, Preset.PYTORCH), ScheduleConfig.CONSTANT, 0.0, 0.0, 2, 16,
            Seeds.of(3L));

    static EpochMetrics row(int epoch, double trainLoss, double valLoss, double valAccuracy) {
        return new EpochMetrics(epoch, trainLoss, 0.5, valLoss, valAccuracy, 0.01, 1.0);
    }

    static RandomSearch.Trial trial(int index, List<EpochMetrics> history, String diverged) {
        return new RandomSearch.Trial(index, new SearchSpace.Point(0.01 * index, 0.0, 4 * index, 0.125), BASE,
                history, diverged);
    }

    static void refuses(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void aTrialIsScoredByItsLastEpoch() {
        RandomSearch.Trial t = trial(1, List.of(row(1, 0.9, 0.8, 0.5), row(2, 0.7, 0.6, 0.75)), null);
        assertEquals(0.75, t.score());
        assertEquals(0.6, t.validationLoss());
        assertEquals(0.7, t.trainLoss());
        RandomSearch.Trial diverged = trial(2, List.of(row(1, 0.9, 0.8, 0.5)), "epoch 2, batch 1: loss NaN");
        assertTrue(Double.isNaN(diverged.score()));
        assertTrue(Double.isNaN(diverged.validationLoss()));
        assertEquals(0.9, diverged.trainLoss(), "the last completed epoch's training loss");
        RandomSearch.Trial none = trial(3, List.of(), null);
        assertTrue(Double.isNaN(none.score()));
        assertTrue(Double.isNaN(none.validationLoss()));
        assertTrue(Double.isNaN(none.trainLoss()));
        assertEquals("Trial: config must not be null", assertThrows(NullPointerException.class,
                () -> new RandomSearch.Trial(1, null, null, List.of(), null)).getMessage());
        List<EpochMetrics> history = new ArrayList<>(List.of(row(1, 0.9, 0.8, 0.5)));
        RandomSearch.Trial copied = trial(4, history, null);
        history.add(row(2, 0.1, 0.1, 1.0));
        assertEquals(1, copied.history().size(), "the history is copied");
    }

    @Test
    void rankingIsScoreThenValidationLossThenTrialNumberWithUnscoredLast() {
        RandomSearch.Trial best = trial(5, List.of(row(1, 0.5, 0.4, 0.9)), null);
        RandomSearch.Trial tiedLowerLoss = trial(4, List.of(row(1, 0.5, 0.3, 0.8)), null);
        RandomSearch.Trial tiedHigherLoss = trial(1, List.of(row(1, 0.5, 0.35, 0.8)), null);
        RandomSearch.Trial tiedSameLossLater = trial(6, List.of(row(1, 0.5, 0.35, 0.8)), null);
        RandomSearch.Trial worse = trial(2, List.of(row(1, 0.5, 0.1, 0.1)), null);
        RandomSearch.Trial divergedEarly = trial(3, List.of(), "epoch 1, batch 1: loss Infinity");
        RandomSearch.Trial divergedLate = trial(7, List.of(), "epoch 1, batch 2: loss NaN");
        List<RandomSearch.Trial> all = new ArrayList<>(List.of(divergedLate, worse, tiedSameLossLater, divergedEarly,
                tiedHigherLoss, best, tiedLowerLoss));
        all.sort(RandomSearch.RANKING);
        assertEquals(List.of(5, 4, 1, 6, 2, 3, 7), all.stream().map(RandomSearch.Trial::index).toList());
        assertEquals(1, RandomSearch.RANKING.compare(divergedEarly, best));
        assertEquals(-1, RandomSearch.RANKING.compare(best, divergedEarly));
        assertTrue(RandomSearch.RANKING.compare(best, worse) < 0);
        assertTrue(RandomSearch.RANKING.compare(worse, best) > 0);
        assertTrue(RandomSearch.RANKING.compare(tiedLowerLoss, tiedHigherLoss) < 0);
        assertTrue(RandomSearch.RANKING.compare(tiedHigherLoss, tiedLowerLoss) > 0);
        assertTrue(RandomSearch.RANKING.compare(tiedHigherLoss, tiedSameLossLater) < 0);
        assertTrue(RandomSearch.RANKING.compare(divergedLate, divergedEarly) > 0);
        assertEquals(0, RandomSearch.RANKING.compare(best, best));
    }

    @Test
    void csvListsTheTrialsBestFirstWithEmptyMissingValues() {
        RandomSearch.Trial best = trial(2, List.of(row(1, 0.5, 0.25, 0.75)), null);
        RandomSearch.Trial diverged = trial(1, List.of(row(1, 0.5, 0.25, 0.75)), "epoch 2, batch 3: loss NaN");
        assertEquals("rank,trial,learning_rate,weight_decay,hidden,dropout,validation_accuracy,validation_loss,"
                + "train_loss,diverged\n"
                + "1,2,0.02,0.0,8,0.125,0.75,0.25,0.5,\n"
                + "2,1,0.01,0.0,4,0.125,,,0.5,\"epoch 2, batch 3: loss NaN\"\n", RandomSearch.csv(List.of(best, diverged)));
        RandomSearch.Trial empty = trial(3, List.of(), null);
        assertTrue(RandomSearch.csv(List.of(empty)).endsWith("\n1,3,0.03,0.0,12,0.125,,,,\n"));
    }

    @Test
    void aPointReplacesEveryWidthTheDropoutTheRateAndTheDecay() {
        TrainingConfig c = RandomSearch.configure(BASE, new SearchSpace.Point(0.03, 1e-4, 32, 0.25));
        assertEquals(List.of(32, 32), c.model().hidden());
        assertEquals(0.25, c.model().dropout());
        assertEquals(Activation.TANH, c.model().activation());
        assertTrue(c.model().batchNorm());
        assertEquals(InitScheme.XAVIER, c.model().init());
        assertEquals(0.03, c.optimizer().learningRate());
        assertEquals(1e-4, c.optimizer().weightDecay());
        assertEquals(OptimizerKind.ADAM, c.optimizer().kind());
        assertEquals(BASE.data(), c.data());
        assertEquals(BASE.seeds(), c.seeds());
        assertEquals(BASE.epochs(), c.epochs());
        assertEquals(BASE.batchSize(), c.batchSize());
        assertEquals(BASE.schedule(), c.schedule());
        TrainingConfig noDecay = RandomSearch.configure(BASE, new SearchSpace.Point(0.03, 0.0, 32, 0.0));
        assertNull(noDecay.optimizer().weightDecay(), "a drawn decay of 0 is no weight decay");
    }

    @Test
    void aSearchNeedsTrialsAndAValidationSet() throws IOException {
        SearchSpace space = new SearchSpace(1e-3, 1e-2, 0, 0, 4, 4, 0);
        PreparedData data = BASE.prepareData();
        refuses("search: trials must be >= 1, got 0",
                () -> RandomSearch.run(BASE, data, space, 0, 1L, TrainingListener.NONE, t -> { }));
        TrainingConfig noValidation = BASE.withData(new DataConfig(DataSource.IRIS, null, null, false, 0, 0.0, null));
        PreparedData without = noValidation.prepareData();
        refuses("search: trials are scored on the validation set, which is empty; give a validation fraction > 0",
                () -> RandomSearch.run(noValidation, without, space, 1, 1L, TrainingListener.NONE, t -> { }));
    }

    @Test
    void oneTrialRunsTheDrawnConfigurationAndReportsIt() throws IOException {
        TrainingConfig base = BASE.withEpochs(1);
        PreparedData data = base.prepareData();
        SearchSpace space = new SearchSpace(1e-3, 1e-2, 0, 0, 4, 6, 0.5);
        List<RandomSearch.Trial> seen = new ArrayList<>();
        List<RandomSearch.Trial> trials = RandomSearch.run(base, data, space, 2, 9L, TrainingListener.NONE, seen::add);
        assertEquals(2, seen.size());
        assertEquals(List.of(1, 2), seen.stream().map(RandomSearch.Trial::index).toList());
        SearchSpace.Point expected = space.draw(new io.github.dlref.math.Rng(9L));
        assertEquals(expected, seen.get(0).point());
        assertEquals(RandomSearch.configure(base, expected), seen.get(0).config());
        for (RandomSearch.Trial t : seen) {
            assertEquals(1, t.history().size());
            assertNull(t.diverged());
            // the trial is the run of its configuration
            TrainingRun again = TrainingRun.start(t.config(), data);
            again.runToEnd();
            assertTrue(again.history().get(0).sameResults(t.history().get(0)));
        }
        List<RandomSearch.Trial> sorted = new ArrayList<>(seen);
        sorted.sort(RandomSearch.RANKING);
        assertEquals(sorted, trials);
    }

    @Test
    void searchSpacesAndStrategySettingsAreRefusedByMessage() {
        refuses("search: learning-rate range must satisfy 0 < min <= max, got [0.0, 1.0]",
                () -> new SearchSpace(0, 1, 0, 0, 1, 1, 0));
        refuses("search: learning-rate range must satisfy 0 < min <= max, got [0.1, 0.01]",
                () -> new SearchSpace(0.1, 0.01, 0, 0, 1, 1, 0));
        refuses("search: learning-rate range must satisfy 0 < min <= max, got [0.1, Infinity]",
                () -> new SearchSpace(0.1, Double.POSITIVE_INFINITY, 0, 0, 1, 1, 0));
        refuses("search: weight-decay range must satisfy 0 < min <= max (or be [0, 0] for none), got [0.0, 0.001]",
                () -> new SearchSpace(1e-3, 1e-2, 0, 1e-3, 1, 1, 0));
        refuses("search: weight-decay range must satisfy 0 < min <= max (or be [0, 0] for none), got [0.01, 0.001]",
                () -> new SearchSpace(1e-3, 1e-2, 1e-2, 1e-3, 1, 1, 0));
        refuses("search: weight-decay range must satisfy 0 < min <= max (or be [0, 0] for none), got [0.01, NaN]",
                () -> new SearchSpace(1e-3, 1e-2, 1e-2, Double.NaN, 1, 1, 0));
        refuses("search: hidden-width range must satisfy 1 <= min <= max, got [0, 4]",
                () -> new SearchSpace(1e-3, 1e-2, 0, 0, 0, 4, 0));
        refuses("search: hidden-width range must satisfy 1 <= min <= max, got [5, 4]",
                () -> new SearchSpace(1e-3, 1e-2, 0, 0, 5, 4, 0));
        refuses("search: maximum dropout must be in [0, 1), got 1.0", () -> new SearchSpace(1e-3, 1e-2, 0, 0, 1, 1, 1.0));
        refuses("search: maximum dropout must be in [0, 1), got -0.1",
                () -> new SearchSpace(1e-3, 1e-2, 0, 0, 1, 1, -0.1));
        // the edges of every range are accepted
        SearchSpace edges = new SearchSpace(0.01, 0.01, 1e-5, 1e-5, 1, 1, Math.nextDown(1.0));
        assertEquals(1e-5, edges.draw(new io.github.dlref.math.Rng(1)).weightDecay());
        assertEquals(0.01, SearchSpace.logUniform(0.01, 0.01, 0.999));
        assertEquals(0.01, SearchSpace.logUniform(0.001, 0.1, 0.5), 1e-16);

        refuses("strategies: iterations must be >= 1, got 0", () -> new SearchStrategies.Settings(0, 1, 1, 1, 1L));
        refuses("strategies: scale must be finite and > 0, got 0.0", () -> new SearchStrategies.Settings(1, 0, 1, 1, 1L));
        refuses("strategies: step size must be finite and > 0, got Infinity",
                () -> new SearchStrategies.Settings(1, 1, Double.POSITIVE_INFINITY, 1, 1L));
        refuses("strategies: learning rate must be finite and > 0, got NaN",
                () -> new SearchStrategies.Settings(1, 1, 1, Double.NaN, 1L));
        refuses("strategies: learning rate must be finite and > 0, got -1.0",
                () -> new SearchStrategies.Settings(1, 1, 1, -1, 1L));
        assertEquals(1, new SearchStrategies.Settings(1, Double.MIN_VALUE, 1, 1, 1L).iterations());
    }
}
