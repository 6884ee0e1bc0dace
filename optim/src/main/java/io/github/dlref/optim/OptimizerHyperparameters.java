package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer's hyper-parameter record answers, so that code above {@code optim} needs no
 * {@code instanceof} chain over {@link SGD.Hyperparameters}, {@link AdaGrad.Hyperparameters},
 * {@link RMSProp.Hyperparameters} and {@link Adam.Hyperparameters} (the built-in implementations, each a record
 * with a validating compact constructor).
 *
 * <p>The learning rate {@code lr} and the {@link WeightDecay} are common to all; the convention axes
 * ({@link #conventions()}) say which framework's arithmetic the record selects; {@link #description()} says
 * the same in one line. Presets for every framework and document are in {@link Presets}.
 *
 * <p>A custom optimizer ({@link BaseOptimizer}) gives its hyper-parameters as a record that implements this
 * interface too: the components {@code learningRate} and {@code weightDecay} answer the first two methods, and
 * it writes {@link #withLearningRate(double)}, {@link #withWeightDecay(WeightDecay)} and
 * {@link #create(List)}; {@link #description()}, {@link #conventions()} and {@link #canonical()} have defaults.
 * Implementations must be records ({@link #asRecord()}, and the {@link BaseOptimizer} constructor checks it):
 *
 * <pre>{@code
 * public record Hyperparameters(double learningRate, WeightDecay weightDecay)
 *         implements OptimizerHyperparameters {
 *     public Hyperparameters withLearningRate(double lr) { return new Hyperparameters(lr, weightDecay); }
 *     public Hyperparameters withWeightDecay(WeightDecay wd) { return new Hyperparameters(learningRate, wd); }
 *     public SignSGD create(List<Parameter> parameters) { return new SignSGD(parameters, this); }
 * }
 * }</pre>
 */
public interface OptimizerHyperparameters {

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
     * The default is the record's {@code toString()}, which names every component and its value.
     *
     * @return the description
     */
    default String description() {
        return toString();
    }

    /**
     * The value of every convention axis these hyper-parameters use, in the order of {@link ConventionAxis}:
     * {@link ConventionAxis#MOMENTUM_FORM} only with a non-zero momentum, {@link ConventionAxis#AMSGRAD_FORM}
     * only with AMSGrad, {@link ConventionAxis#WEIGHT_DECAY_FORM} only with a non-zero decay coefficient;
     * {@link ConventionAxis#EPSILON_PLACEMENT} always for AdaGrad and RMSProp, {@link ConventionAxis#EPSILON_FORM}
     * always for Adam, {@link ConventionAxis#NADAM_FORM} always for NAdam, {@link ConventionAxis#RADAM_FORM} always
     * for RAdam. The default, for a rule with no axis of its own, reports the weight decay's axis only.
     *
     * @return an unmodifiable map from axis to the enum constant chosen on it ({@link MomentumForm},
     *     {@link EpsilonPlacement}, {@link Adam.EpsilonForm}, {@link Adam.AmsGrad}, {@link NAdam.Form}, {@link RAdam.Form} or
     *     {@link WeightDecay.Kind})
     */
    default Map<ConventionAxis, Enum<?>> conventions() {
        Map<ConventionAxis, Enum<?>> axes = new EnumMap<>(ConventionAxis.class);
        weightDecay().addConvention(axes);
        return Collections.unmodifiableMap(axes);
    }

    /**
     * The same computation with the settings that cannot affect it normalized, so that equal computations
     * compare equal: without momentum, the momentum form (and Nesterov) of SGD and RMSProp does nothing and
     * becomes {@link MomentumForm#PYTORCH}. The other built-in records, and by default any other record, are
     * returned unchanged.
     *
     * @return the normalized hyper-parameters
     */
    default OptimizerHyperparameters canonical() {
        return this;
    }

    /**
     * This object as the record it is (every implementation must be a record), for code that reads its
     * components by reflection, such as a serializer.
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
