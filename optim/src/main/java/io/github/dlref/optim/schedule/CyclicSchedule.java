package io.github.dlref.optim.schedule;

/**
 * Cyclical learning rates (Smith 2017, "Cyclical Learning Rates for Training Neural Networks"), PyTorch's
 * {@code CyclicLR} closed form for the learning rate (torch 1.13; its momentum cycling is not part of this
 * schedule). With {@code S = stepSizeUp + stepSizeDown} and {@code r = stepSizeUp / S}:
 *
 * <pre>
 *   cycle = floor(1 + t / S),   x = 1 + t / S - cycle
 *   scale = x / r if x &lt;= r, else (x - 1) / (r - 1)
 *   lr = base + (max - base) scale * f
 * </pre>
 *
 * with {@code f} by {@link Mode}: {@link Mode#TRIANGULAR} 1, {@link Mode#TRIANGULAR2} {@code 1 / 2^(cycle - 1)}
 * (the amplitude halves each cycle), {@link Mode#EXP_RANGE} {@code gamma^t}. PyTorch's {@code CyclicLR} sets
 * the optimizer's rate to {@code base} at construction, as this schedule does at {@code t = 0}.
 *
 * @param baseLr the lower bound, finite, {@code >= 0}
 * @param maxLr the upper bound of the first cycle, finite, {@code >= 0}
 * @param stepSizeUp steps of the rising half, finite, {@code > 0}
 * @param stepSizeDown steps of the falling half, finite, {@code > 0} (PyTorch's default equals stepSizeUp)
 * @param mode the amplitude policy
 * @param gamma the factor of {@link Mode#EXP_RANGE}, finite, {@code >= 0} (ignored by the other modes)
 */
public record CyclicSchedule(double baseLr, double maxLr, double stepSizeUp, double stepSizeDown, Mode mode,
        double gamma) implements LearningRateSchedule {

    /** The amplitude policy of {@link CyclicSchedule}. */
    public enum Mode {
        /** Constant amplitude. */
        TRIANGULAR,
        /** Amplitude halved every cycle. */
        TRIANGULAR2,
        /** Amplitude times {@code gamma^t}. */
        EXP_RANGE
    }

    /**
     * Validates the parameters.
     *
     * @param baseLr the lower bound
     * @param maxLr the upper bound
     * @param stepSizeUp rising steps
     * @param stepSizeDown falling steps
     * @param mode the policy
     * @param gamma the exp-range factor
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public CyclicSchedule {
        Steps.nonNegative("CyclicSchedule", "baseLr", baseLr);
        Steps.nonNegative("CyclicSchedule", "maxLr", maxLr);
        Steps.positive("CyclicSchedule", "stepSizeUp", stepSizeUp);
        Steps.positive("CyclicSchedule", "stepSizeDown", stepSizeDown);
        if (mode == null) {
            throw new IllegalArgumentException("CyclicSchedule: mode must not be null");
        }
        Steps.nonNegative("CyclicSchedule", "gamma", gamma);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("CyclicSchedule", step);
        double total = stepSizeUp + stepSizeDown;
        double ratio = stepSizeUp / total;
        double cycle = Math.floor(1 + step / total);
        double x = 1. + step / total - cycle;
        double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double height = (maxLr - baseLr) * scale;
        double factor = switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / StrictMath.pow(2.0, cycle - 1);
            case EXP_RANGE -> StrictMath.pow(gamma, step);
        };
        return baseLr + height * factor;
    }
}
