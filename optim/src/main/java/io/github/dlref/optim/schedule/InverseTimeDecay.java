package io.github.dlref.optim.schedule;

/**
 * Inverse-time decay: {@code lr(t) = initial / (1 + decayRate * (t / decaySteps))}, in the order of Keras's
 * {@code InverseTimeDecay} (without staircase).
 *
 * <p>This is bp-optimizers' learning-rate decay {@code alpha = alpha0 / (1 + DecayRate * EpochNum)} with
 * {@code decaySteps = 1}. The document prints it as {@code alpha0 / (DecayRate * EpochNum)}, without the
 * "1 +", which is infinite at epoch 0 and larger than {@code alpha0} while {@code DecayRate * EpochNum < 1};
 * see {@code docs/errata.md}. The document counts epochs from 1: {@code schedule.shifted(1)} reproduces that
 * (its first learning rate is {@code alpha0 / (1 + DecayRate)}).
 *
 * @param initial {@code lr(0) = alpha0}, finite, {@code >= 0}
 * @param decayRate {@code DecayRate}, finite, {@code >= 0}
 * @param decaySteps steps per unit of time, finite, {@code > 0} (1 when {@code t} counts epochs)
 */
public record InverseTimeDecay(double initial, double decayRate, double decaySteps) implements LearningRateSchedule {

    /**
     * Validates the parameters.
     *
     * @param initial {@code alpha0}
     * @param decayRate the decay rate
     * @param decaySteps steps per unit of time
     * @throws IllegalArgumentException naming the parameter, its value and the valid range
     */
    public InverseTimeDecay {
        Steps.nonNegative("InverseTimeDecay", "initial", initial);
        Steps.nonNegative("InverseTimeDecay", "decayRate", decayRate);
        Steps.positive("InverseTimeDecay", "decaySteps", decaySteps);
    }

    /**
     * bp-optimizers' corrected form {@code alpha0 / (1 + decayRate * epoch)}, {@code decaySteps = 1}.
     *
     * @param alpha0 the initial learning rate
     * @param decayRate the decay rate
     * @return the schedule
     */
    public static InverseTimeDecay bpOptimizers(double alpha0, double decayRate) {
        return new InverseTimeDecay(alpha0, decayRate, 1.0);
    }

    @Override
    public double learningRate(long step) {
        Steps.check("InverseTimeDecay", step);
        return initial / (1.0 + decayRate * (step / decaySteps));
    }
}
