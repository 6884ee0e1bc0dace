package io.github.dlref.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Times a {@link Workload}: first warm-up steps for a while (so the JIT compiler has compiled the hot code),
 * then a number of timed rounds, each as many whole steps as fit in the round time (at least one). A round's
 * throughput is {@code steps * samplesPerStep / elapsed seconds}; the {@link Measurement} reports each round
 * and their median. Elapsed time is wall-clock time ({@link System#nanoTime()}), so a busy machine lowers
 * the numbers: report the load next to them.
 */
public final class BenchRunner {

    /**
     * How long to run.
     *
     * @param warmup time spent in untimed steps before the first round, {@code >= 0}
     * @param rounds number of timed rounds, {@code >= 1}
     * @param roundTime the least time of one round, {@code > 0}
     */
    public record Settings(Duration warmup, int rounds, Duration roundTime) {
        /**
         * Validates.
         *
         * @param warmup the warm-up time, {@code >= 0}
         * @param rounds the number of rounds, {@code >= 1}
         * @param roundTime the round time, {@code > 0}
         * @throws IllegalArgumentException naming the setting and its value if one is out of range
         */
        public Settings {
            Objects.requireNonNull(warmup, "BenchRunner.Settings: warmup must not be null");
            Objects.requireNonNull(roundTime, "BenchRunner.Settings: roundTime must not be null");
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("BenchRunner.Settings: warmup must be >= 0, got " + warmup);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("BenchRunner.Settings: rounds must be >= 1, got " + rounds);
            }
            if (roundTime.isNegative() || roundTime.isZero()) {
                throw new IllegalArgumentException("BenchRunner.Settings: roundTime must be > 0, got " + roundTime);
            }
        }

        /**
         * The defaults of {@code dlref bench} and {@code bench/compare.sh}: 3 s warm-up, 5 rounds of 2 s.
         *
         * @return the settings
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(3), 5, Duration.ofSeconds(2));
        }
    }

    private BenchRunner() {
    }

    /**
     * Warms up and times a workload with the system clock.
     *
     * @param workload the workload (it keeps training across warm-up and rounds)
     * @param settings how long to run
     * @return the measurement
     */
    public static Measurement run(Workload workload, Settings settings) {
        return run(workload, settings, System::nanoTime);
    }

    /**
     * Warms up and times a workload with a given clock (tests pass a fake one).
     *
     * @param workload the workload
     * @param settings how long to run
     * @param nanoClock a monotonic clock in nanoseconds
     * @return the measurement
     */
    public static Measurement run(Workload workload, Settings settings, LongSupplier nanoClock) {
        Objects.requireNonNull(workload, "BenchRunner.run: workload must not be null");
        Objects.requireNonNull(settings, "BenchRunner.run: settings must not be null");
        Objects.requireNonNull(nanoClock, "BenchRunner.run: nanoClock must not be null");
        double loss = Double.NaN;
        long warmupSteps = 0;
        long warmupEnd = nanoClock.getAsLong() + settings.warmup().toNanos();
        while (nanoClock.getAsLong() < warmupEnd) {
            loss = workload.step();
            warmupSteps++;
        }
        long roundNanos = settings.roundTime().toNanos();
        List<Measurement.Round> rounds = new ArrayList<>();
        for (int r = 0; r < settings.rounds(); r++) {
            long start = nanoClock.getAsLong();
            long steps = 0;
            long now;
            do {
                loss = workload.step();
                steps++;
                now = nanoClock.getAsLong();
            } while (now - start < roundNanos);
            rounds.add(new Measurement.Round(steps, now - start));
        }
        return new Measurement(workload.name(), workload.description(), workload.samplesPerStep(), warmupSteps,
                rounds, loss);
    }
}
