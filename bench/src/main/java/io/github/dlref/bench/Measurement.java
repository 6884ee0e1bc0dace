package io.github.dlref.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The timing of one workload by {@link BenchRunner}.
 *
 * @param workload the workload's name
 * @param description the workload's description
 * @param samplesPerStep samples processed by one step
 * @param warmupSteps steps taken before the first timed round
 * @param rounds the timed rounds, in order
 * @param lastLoss the loss of the last step (a sanity check that training did not diverge)
 */
public record Measurement(String workload, String description, int samplesPerStep, long warmupSteps,
        List<Round> rounds, double lastLoss) {

    /**
     * One timed round.
     *
     * @param steps the steps taken, {@code >= 1}
     * @param nanos the elapsed time, {@code > 0}
     */
    public record Round(long steps, long nanos) {
        /**
         * Validates.
         *
         * @param steps the steps taken, {@code >= 1}
         * @param nanos the elapsed time in nanoseconds, {@code > 0}
         * @throws IllegalArgumentException if a count is out of range
         */
        public Round {
            if (steps < 1 || nanos < 1) {
                throw new IllegalArgumentException("Measurement.Round: steps and nanos must be >= 1, got steps="
                        + steps + ", nanos=" + nanos);
            }
        }
    }

    /**
     * Validates and copies.
     *
     * @param workload the workload's name
     * @param description the description
     * @param samplesPerStep samples per step, {@code >= 1}
     * @param warmupSteps warm-up steps, {@code >= 0}
     * @param rounds at least one round
     * @param lastLoss the last loss
     * @throws IllegalArgumentException if a count is out of range or there is no round
     */
    public Measurement {
        Objects.requireNonNull(workload, "Measurement: workload must not be null");
        Objects.requireNonNull(description, "Measurement: description must not be null");
        if (samplesPerStep < 1 || warmupSteps < 0) {
            throw new IllegalArgumentException("Measurement: samplesPerStep must be >= 1 and warmupSteps >= 0, got "
                    + samplesPerStep + " and " + warmupSteps);
        }
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("Measurement: at least one round is needed");
        }
    }

    /**
     * Throughput of each round, {@code steps * samplesPerStep / seconds}.
     *
     * @return samples per second, one per round, in round order
     */
    public double[] samplesPerSecond() {
        return rounds.stream().mapToDouble(r -> r.steps() * (double) samplesPerStep / (r.nanos() * 1e-9)).toArray();
    }

    /**
     * The median of {@link #samplesPerSecond()} (the mean of the middle two for an even number of rounds).
     *
     * @return samples per second
     */
    public double medianSamplesPerSecond() {
        double[] s = samplesPerSecond();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /**
     * The best round's throughput.
     *
     * @return the largest of {@link #samplesPerSecond()}
     */
    public double bestSamplesPerSecond() {
        return Arrays.stream(samplesPerSecond()).max().orElseThrow();
    }

    /**
     * The median time of one step, {@code samplesPerStep / medianSamplesPerSecond()}.
     *
     * @return seconds per step
     */
    public double medianSecondsPerStep() {
        return samplesPerStep / medianSamplesPerSecond();
    }
}
