package io.github.dlref.optim.schedule;

/**
 * The one-cycle policy (Smith and Topin 2019, "Super-Convergence"), PyTorch's {@code OneCycleLR} closed form
 * (torch 1.13, {@code lr_scheduler.py}) for the learning rate; the momentum cycling of PyTorch
 * ({@code cycle_momentum=True}) is not part of this schedule. With {@code initial = maxLr / divFactor} and
 * {@code min = initial / finalDivFactor}, the phases end at
 *
 * <pre>
 *   two phases:   e1 = pctStart T - 1 (initial -&gt; max),  e2 = T - 1 (max -&gt; min)
 *   three phases: e1 = pctStart T - 1 (initial -&gt; max),  e2 = 2 pctStart T - 2 (max -&gt; initial),
 *                 e3 = T - 1 (initial -&gt; min)
 * </pre>
 *
 * and step {@code t} lies in the first phase with {@code t <= e_i} (or the last), at
 * {@code pct = (t - e_{i-1}) / (e_i - e_{i-1})} ({@code e_0 = 0}), annealed from the phase's start to its end:
 * {@link Anneal#COS} {@code end + (start - end) / 2 (cos(pi pct) + 1)}, {@link Anneal#LINEAR}
 * {@code (end - start) pct + start}. Defined for {@code 0 <= t <= T} ({@code T} = {@code totalSteps}; PyTorch
 * computes the rate after the last step, {@code t = T}, by extending the last phase, and refuses
 * {@code t > T}; where that extension is negative, possible with {@link Anneal#LINEAR}, this schedule refuses it).
 *
 * @param maxLr the peak learning rate, finite, {@code >= 0}
 * @param totalSteps {@code T}, the number of steps in the cycle, {@code >= 1}
 * @param pctStart the fraction of the cycle spent rising, in {@code [0, 1]}
 * @param anneal the annealing strategy
 * @param divFactor {@code maxLr / initial}, finite, {@code > 0}
 * @param finalDivFactor {@code initial / min}, finite, {@code > 0}
 * @param threePhase whether to use the three-phase form
 */
public record OneCycle(double maxLr, long totalSteps, double pctStart, Anneal anneal, double divFactor,
        double finalDivFactor, boolean threePhase) implements LearningRateSchedule {

    /** How a phase moves from its start to its end rate. */
    public enum Anneal {
        /** Cosine annealing (PyTorch's {@code 'cos'}, the default). */
        COS,
        /** Linear annealing (PyTorch's {@code 'linear'}). */
        LINEAR
    }

    /**
     * Validates the parameters; every phase must have a positive length (PyTorch divides by it).
     *
     * @param maxLr the peak learning rate
     * @param totalSteps {@code T}
     * @param pctStart the rising fraction
     * @param anneal the strategy
     * @param divFactor {@code maxLr / initial}
     * @param finalDivFactor {@code initial / min}
     * @param threePhase the three-phase form
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public OneCycle {
        Steps.nonNegative("OneCycle", "maxLr", maxLr);
        Steps.positive("OneCycle", "totalSteps", totalSteps);
        if (!(pctStart >= 0.0 && pctStart <= 1.0)) {
            throw new IllegalArgumentException("OneCycle: pctStart must be in [0, 1], got " + pctStart);
        }
        if (anneal == null) {
            throw new IllegalArgumentException("OneCycle: anneal must not be null");
        }
        Steps.positive("OneCycle", "divFactor", divFactor);
        Steps.positive("OneCycle", "finalDivFactor", finalDivFactor);
        double[] ends = phaseEnds(pctStart, totalSteps, threePhase);
        double start = 0.0;
        for (int i = 0; i < ends.length; i++) {
            if (!(ends[i] > start)) {
                throw new IllegalArgumentException("OneCycle: phase " + (i + 1) + " of " + ends.length + " ends at step "
                        + ends[i] + ", not after its start " + start + " (pctStart " + pctStart + ", totalSteps "
                        + totalSteps + "); every phase needs a positive length");
            }
            start = ends[i];
        }
    }

    /**
     * PyTorch's defaults: {@code OneCycleLR(max_lr, total_steps)} with pct_start 0.3, cosine, div_factor 25,
     * final_div_factor 1e4, two phases.
     *
     * @param maxLr the peak learning rate
     * @param totalSteps {@code T}
     * @return the schedule
     */
    public static OneCycle pytorch(double maxLr, long totalSteps) {
        return new OneCycle(maxLr, totalSteps, 0.3, Anneal.COS, 25.0, 1e4, false);
    }

    private static double[] phaseEnds(double pctStart, long totalSteps, boolean threePhase) {
        double first = pctStart * totalSteps - 1;
        double last = totalSteps - 1;
        return threePhase ? new double[] {first, 2 * pctStart * totalSteps - 2, last} : new double[] {first, last};
    }

    @Override
    public double learningRate(long step) {
        Steps.check("OneCycle", step);
        if (step > totalSteps) {
            throw new IllegalArgumentException("OneCycle: step must be <= totalSteps (" + totalSteps + "), got "
                    + step);
        }
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double[] ends = phaseEnds(pctStart, totalSteps, threePhase);
        double[] starts = threePhase ? new double[] {initial, maxLr, initial} : new double[] {initial, maxLr};
        double[] targets = threePhase ? new double[] {maxLr, initial, min} : new double[] {maxLr, min};
        double phaseStart = 0.0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                double pct = (step - phaseStart) / (ends[i] - phaseStart);
                double lr = anneal(starts[i], targets[i], pct);
                if (lr < 0.0) {
                    throw new IllegalArgumentException("OneCycle: at step " + step + " (after the cycle's last step "
                            + (totalSteps - 1) + ") linear annealing extrapolates to " + lr + " < 0 (PyTorch "
                            + "computes the same value); the cycle has ended");
                }
                return lr;
            }
            phaseStart = ends[i];
        }
        throw new IllegalStateException("OneCycle: unreachable");
    }

    private double anneal(double start, double end, double pct) {
        if (anneal == Anneal.COS) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }
}
