package io.github.dlref.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.math.Matrix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's bookkeeping with a fake clock, worked out by hand. */
class BenchRunnerTest {

    /** A workload of 10 samples per step whose every step advances the fake clock by 250 ms. */
    private static final class TickingWorkload implements Workload {
        private final long[] clock;
        private int steps;

        TickingWorkload(long[] clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "ticking";
        }

        @Override
        public String description() {
            return "advances a fake clock";
        }

        @Override
        public int samplesPerStep() {
            return 10;
        }

        @Override
        public double step() {
            clock[0] += 250_000_000L;
            steps++;
            return 1.0 / steps;
        }

        @Override
        public List<Matrix> parameterValues() {
            return List.of();
        }
    }

    @Test
    void roundsCountWholeStepsAndThroughputIsStepsTimesBatchOverSeconds() {
        long[] clock = {0L};
        TickingWorkload w = new TickingWorkload(clock);
        // warm-up 1 s: steps end at 0.25, 0.5, 0.75, 1.0 s -> 4 steps; rounds of at least 0.6 s -> 3 steps (0.75 s)
        Measurement m = BenchRunner.run(w, new BenchRunner.Settings(Duration.ofSeconds(1), 3, Duration.ofMillis(600)),
                () -> clock[0]);
        assertEquals(4, m.warmupSteps());
        assertEquals(3, m.rounds().size());
        for (Measurement.Round r : m.rounds()) {
            assertEquals(3, r.steps());
            assertEquals(750_000_000L, r.nanos());
        }
        // 3 steps * 10 samples / 0.75 s = 40 samples/s
        assertArrayEquals(new double[] {40.0, 40.0, 40.0}, m.samplesPerSecond(), Tolerances.ROUNDING);
        assertEquals(40.0, m.medianSamplesPerSecond(), Tolerances.ROUNDING);
        assertEquals(0.25, m.medianSecondsPerStep(), Tolerances.ROUNDING);
        assertEquals(1.0 / 13, m.lastLoss()); // 4 + 3 * 3 steps
    }

    @Test
    void aRoundTakesAtLeastOneStepAndZeroWarmupTakesNone() {
        long[] clock = {0L};
        Measurement m = BenchRunner.run(new TickingWorkload(clock),
                new BenchRunner.Settings(Duration.ZERO, 1, Duration.ofNanos(1)), () -> clock[0]);
        assertEquals(0, m.warmupSteps());
        assertEquals(1, m.rounds().get(0).steps());
    }

    @Test
    void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        // 1 step of 10 samples in 1 s, 0.5 s, 0.25 s, 0.125 s: 10, 20, 40, 80 samples/s -> median (20 + 40) / 2
        Measurement m = new Measurement("w", "d", 10, 0, List.of(new Measurement.Round(1, 1_000_000_000L),
                new Measurement.Round(1, 500_000_000L), new Measurement.Round(1, 250_000_000L),
                new Measurement.Round(1, 125_000_000L)), 0.5);
        assertEquals(30.0, m.medianSamplesPerSecond(), Tolerances.ROUNDING);
        assertEquals(80.0, m.bestSamplesPerSecond(), Tolerances.ROUNDING);
    }

    @Test
    void settingsOutOfRangeAreRejectedByName() {
        IllegalArgumentException rounds = assertThrows(IllegalArgumentException.class,
                () -> new BenchRunner.Settings(Duration.ZERO, 0, Duration.ofSeconds(1)));
        assertTrue(rounds.getMessage().contains("rounds must be >= 1, got 0"), rounds.getMessage());
        IllegalArgumentException warmup = assertThrows(IllegalArgumentException.class,
                () -> new BenchRunner.Settings(Duration.ofSeconds(-1), 1, Duration.ofSeconds(1)));
        assertTrue(warmup.getMessage().contains("warmup must be >= 0"), warmup.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> new BenchRunner.Settings(Duration.ZERO, 1, Duration.ZERO));
        assertTrue(time.getMessage().contains("roundTime must be > 0"), time.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Measurement("w", "d", 1, 0, List.of(), 0.0));
        assertTrue(none.getMessage().contains("at least one round"), none.getMessage());
    }
}
