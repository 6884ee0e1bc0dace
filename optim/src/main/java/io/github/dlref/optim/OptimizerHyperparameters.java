package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer's hyper-parameter record answers, so that code above {@code optim} needs no
 * {@code instanceof} chain over {@link SGD.Hyperparameters}, {@link AdaGrad.Hyperparameters},
 * {@link RMSProp.Hyperparameters} and {@link Adam.Hyperparameters} (the only implementations, each a record
 * with a validating compact constructor).
 *
 * <p>The learning rate {@code lr} and the {@link WeightDecay} are common to all; the convention axes
 * ({@link #conventions()}) say which framework's arithmetic the record selects; {@link #description()} says
 * the same in one line. Presets for every framework and document are in {@link Presets}.
 */
public sealed interface OptimizerHyperparameters
        permits SGD.Hyperparameters, AdaGrad.Hyperparameters, RMSProp.Hyperparameters, Adam.Hyperparameters {

    /**
     * The (initial) learning rate {@code lr}.
     *
     * @return {@code lr}, finite, {@code >= 0}
     */
    double learningRate();

    /**
     * The weight decay, applied before the optimizer's own update (see {@link WeightDecay}).
     *
     * @return the weight decay
     */
    WeightDecay weightDecay();

    /**
     * A copy with another learning rate.
     *
     * @param value {@code lr}, finite, {@code >= 0}
     * @return the hyper-parameters
     * @throws IllegalArgumentException naming the parameter if the value is out of range
     */
    OptimizerHyperparameters withLearningRate(double value);

    /**
     * A copy with another weight decay.
     *
     * @param value the weight decay
     * @return the hyper-parameters
     * @throws IllegalArgumentException if the value is null
     */
    OptimizerHyperparameters withWeightDecay(WeightDecay value);

    /**
     * What these hyper-parameters compute, in framework terms, in one line: the arithmetic, who uses it, the
     * values in brackets and the weight decay, for example
     * {@code Keras epsilon-hat Adam (lr_t m / (sqrt(v) + eps_hat)) [lr=0.001, betas=(0.9, 0.999), eps=1.0E-7]}.
     *
     * @return the description
     */
    String description();

    /**
     * The value of every convention axis these hyper-parameters use, in the order of {@link ConventionAxis}:
     * {@link ConventionAxis#MOMENTUM_FORM} only with a non-zero momentum, {@link ConventionAxis#AMSGRAD_FORM}
     * only with AMSGrad, {@link ConventionAxis#WEIGHT_DECAY_FORM} only with a non-zero decay coefficient;
     * {@link ConventionAxis#EPSILON_PLACEMENT} always for AdaGrad and RMSProp, {@link ConventionAxis#EPSILON_FORM}
     * always for Adam.
     *
     * @return an unmodifiable map from axis to the enum constant chosen on it ({@link MomentumForm},
     *     {@link EpsilonPlacement}, {@link Adam.EpsilonForm}, {@link Adam.AmsGrad} or {@link WeightDecay.Kind})
     */
    Map<ConventionAxis, Enum<?>> conventions();

    /**
     * The same computation with the settings that cannot affect it normalized, so that equal computations
     * compare equal: without momentum, the momentum form (and Nesterov) of SGD and RMSProp does nothing and
     * becomes {@link MomentumForm#PYTORCH}. Other records are returned unchanged.
     *
     * @return the normalized hyper-parameters
     */
    OptimizerHyperparameters canonical();

    /**
     * This object as the record it is (every implementation is a record), for code that reads its components
     * by reflection, such as a serializer.
     *
     * @return {@code this}
     */
    default Record asRecord() {
        return (Record) this;
    }

    /**
     * Creates the optimizer these hyper-parameters configure.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @return the optimizer, at {@link #learningRate()}
     * @throws IllegalArgumentException on an invalid parameter list
     */
    Optimizer create(List<Parameter> parameters);
}
