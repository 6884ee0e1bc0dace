package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base class of every optimizer, and the extension point for a custom one: it keeps the parameter list,
 * per-parameter step counts and named buffers ({@link Buffers}: one flat row-major {@code double[]} per
 * {@link Slot}, updated in place, so a step allocates only the copies of the value and the gradient and the new
 * value), applies the {@link WeightDecay}, holds the learning rate, and saves and loads snapshots. A subclass
 * declares its buffers and writes one method, {@link #update}: the per-element update of its rule, as a loop
 * over the elements of one parameter. Everything else of {@link Optimizer} (validation of the parameter list,
 * the learning rate and the gradient shapes; {@link #zeroGrad()}; step counts; weight decay of every
 * {@link WeightDecay.Kind}; {@link #state()}, {@link #saveState()} and {@link #loadState(OptimizerState)},
 * which resume bit for bit) comes with it and cannot be overridden. {@link SGD}, {@link AdaGrad},
 * {@link RMSProp} and {@link Adam} are written this way.
 *
 * <p>A step, for each parameter with a gradient, in parameter order: copy the value {@code theta} and the
 * gradient {@code g}; apply the {@link WeightDecay} ({@code g <- g + lambda theta}, or
 * {@code theta <- theta (1 - lr lambda)}, or {@code theta <- theta (1 - lambda)}); call {@link #update} with the
 * parameter's new step count {@code t} (1 for its first update); assign the new value. A parameter without
 * a gradient is skipped (its value, buffers and step count do not change).
 *
 * <p>Example: Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2) with one
 * buffer, {@code c = beta1 m + (1 - beta1) g}, {@code theta <- theta - lr sign(c)},
 * {@code m <- beta2 m + (1 - beta2) g}; the paper's decoupled weight decay {@code lr lambda theta} is
 * {@link WeightDecay#decoupled(double)}, applied by this class before {@code update}. The hyper-parameters are
 * a record implementing {@link OptimizerHyperparameters}, which asks for the two copy methods and
 * {@code create}:
 *
 * <pre>{@code
 * public final class Lion extends BaseOptimizer {
 *
 *     private static final Slot EXP_AVG = new Slot("exp_avg");   // the momentum m, starts at 0
 *
 *     public record Hyperparameters(double learningRate, double beta1, double beta2, WeightDecay weightDecay)
 *             implements OptimizerHyperparameters {
 *         public Hyperparameters {
 *             if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
 *                 throw new IllegalArgumentException("Lion: betas must be in [0, 1), got " + beta1 + ", " + beta2);
 *             }
 *         }
 *         public Hyperparameters withLearningRate(double lr) { return new Hyperparameters(lr, beta1, beta2, weightDecay); }
 *         public Hyperparameters withWeightDecay(WeightDecay wd) { return new Hyperparameters(learningRate, beta1, beta2, wd); }
 *         public Lion create(List<Parameter> parameters) { return new Lion(parameters, this); }
 *     }
 *
 *     private final Hyperparameters hyper;
 *
 *     public Lion(List<Parameter> parameters, Hyperparameters hyperparameters) {
 *         super("Lion", parameters, hyperparameters, List.of(EXP_AVG));
 *         this.hyper = hyperparameters;
 *     }
 *
 *     @Override
 *     protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
 *         double[] m = buffers.get(EXP_AVG);
 *         for (int k = 0; k < theta.length; k++) {
 *             double c = hyper.beta1() * m[k] + (1 - hyper.beta1()) * g[k];
 *             theta[k] = theta[k] - lr * Math.signum(c);
 *             m[k] = hyper.beta2() * m[k] + (1 - hyper.beta2()) * g[k];
 *         }
 *     }
 * }
 *
 * Optimizer lion = new Lion.Hyperparameters(1e-4, 0.9, 0.99, WeightDecay.decoupled(1.0)).create(model.parameters());
 * OptimizerState snapshot = lion.saveState();          // step counts and "exp_avg", restored by loadState
 * }</pre>
 *
 * <p>The rule sees plain arrays and never a {@link Parameter}; it must not keep references to {@code theta},
 * {@code g} or the buffers after it returns. A rule without buffers passes {@code List.of()}; buffers that do
 * not start at 0 (Keras's AdaGrad accumulator starts at 0.1) are given their initial values with
 * {@link #BaseOptimizer(String, List, OptimizerHyperparameters, List, double[])}.
 */
public abstract class BaseOptimizer implements Optimizer {

    private final String name;
    private final OptimizerHyperparameters hyperparameters;
    private final WeightDecay weightDecay;
    private final List<Parameter> parameters;
    private final List<Slot> slots;
    private final long[] steps;
    private final Buffers[] buffers;
    private double learningRate;

    /**
     * Creates an optimizer whose buffers all start at 0.
     *
     * @param name the optimizer's name for messages and snapshots ({@link OptimizerState#optimizer()}), for
     *     example {@code "Lion"}; not null or empty
     * @param parameters the parameters: non-empty, no parameter twice; names need not be unique (state is kept
     *     by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position,
     *     name and shape)
     * @param hyperparameters the validated hyper-parameter record; its {@link OptimizerHyperparameters#learningRate()
     *     learning rate} is the initial one and its {@link OptimizerHyperparameters#weightDecay() weight decay} is
     *     applied before every {@link #update}
     * @param slots the buffers each parameter gets, each of the parameter's shape, in the order snapshots list
     *     them; distinct names; empty for a rule without state
     * @throws IllegalArgumentException naming the argument if any is null or invalid (an empty name or parameter
     *     list, a parameter given twice, a hyper-parameter object that is not a record, a learning rate that is
     *     negative or not finite, a buffer name given twice)
     */
    protected BaseOptimizer(String name, List<Parameter> parameters, OptimizerHyperparameters hyperparameters,
            List<Slot> slots) {
        this(name, parameters, hyperparameters, slots, slots == null ? null : new double[slots.size()]);
    }

    /**
     * Creates an optimizer whose buffers start at the given values.
     *
     * @param name the optimizer's name for messages and snapshots, for example {@code "AdaGrad"}; not null or
     *     empty
     * @param parameters the parameters: non-empty, no parameter twice; names need not be unique (state is kept
     *     by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position,
     *     name and shape)
     * @param hyperparameters the validated hyper-parameter record; its learning rate is the initial one and its
     *     weight decay is applied before every {@link #update}
     * @param slots the buffers each parameter gets, in the order snapshots list them; distinct names
     * @param initialValues the initial value of every element of each slot's buffer, in slot order: one finite
     *     value per slot (the array is copied)
     * @throws IllegalArgumentException naming the argument if any is null or invalid (as for the constructor
     *     without initial values), or if {@code initialValues} does not have one finite value per slot
     */
    protected BaseOptimizer(String name, List<Parameter> parameters, OptimizerHyperparameters hyperparameters,
            List<Slot> slots, double[] initialValues) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("BaseOptimizer: name must be a non-empty string, got "
                    + (name == null ? "null" : "\"\""));
        }
        this.name = name;
        this.hyperparameters = Check.notNull(name, "hyperparameters", hyperparameters);
        if (!(hyperparameters instanceof Record)) {
            throw new IllegalArgumentException(name + ": hyperparameters must be a record, got an instance of "
                    + hyperparameters.getClass().getName());
        }
        this.weightDecay = Check.notNull(name, "hyperparameters.weightDecay()", hyperparameters.weightDecay());
        this.learningRate = Check.nonNegative(name, "learningRate", hyperparameters.learningRate());
        this.parameters = checkParameters(name, parameters);
        this.slots = checkSlots(name, slots);
        double[] initial = checkInitialValues(name, this.slots, initialValues);
        int n = this.parameters.size();
        this.steps = new long[n];
        this.buffers = new Buffers[n];
        for (int i = 0; i < n; i++) {
            buffers[i] = new Buffers(name, this.slots, initial, this.parameters.get(i).value().size());
        }
    }

    private static List<Slot> checkSlots(String name, List<Slot> slots) {
        Check.notNull(name, "slots", slots);
        Set<String> names = new HashSet<>();
        for (int b = 0; b < slots.size(); b++) {
            Slot slot = slots.get(b);
            if (slot == null) {
                throw new IllegalArgumentException(name + ": slot " + b + " is null");
            }
            if (!names.add(slot.name())) {
                throw new IllegalArgumentException(name + ": buffer name '" + slot.name()
                        + "' is given more than once in slots " + slots);
            }
        }
        return List.copyOf(slots);
    }

    private static double[] checkInitialValues(String name, List<Slot> slots, double[] initialValues) {
        Check.notNull(name, "initialValues", initialValues);
        if (initialValues.length != slots.size()) {
            throw new IllegalArgumentException(name + ": initialValues must have one value per slot (" + slots.size()
                    + "), got " + initialValues.length);
        }
        for (int b = 0; b < initialValues.length; b++) {
            if (!Double.isFinite(initialValues[b])) {
                throw new IllegalArgumentException(name + ": the initial value of buffer '" + slots.get(b).name()
                        + "' must be finite, got " + initialValues[b]);
            }
        }
        return initialValues.clone();
    }

    private static List<Parameter> checkParameters(String name, List<Parameter> parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException(name + ": parameters must not be null");
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(name + ": the parameter list is empty");
        }
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            }
            if (seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name + ": parameter '" + p.name() + "' appears more than once");
            }
        }
        return List.copyOf(parameters);
    }

    /**
     * The rule: updates one parameter, element by element, in place. Called by {@link #step()} once per
     * parameter that has a gradient, in parameter order, after weight decay; the arrays are the row-major
     * elements of the parameter ({@code theta[k]} and {@code g[k]} belong to the same element, as does
     * {@code buffers.get(slot)[k]}).
     *
     * @param parameterName the parameter's name, for messages
     * @param t the parameter's step count including this step ({@code t >= 1}; 1 at its first update, for bias
     *     corrections and first-step rules)
     * @param lr the learning rate of this step ({@link #learningRate()}, as a scheduler set it)
     * @param theta Modified: the value after decoupled weight decay, row-major; write the new value into it.
     *     Owned by this call: a fresh copy, assigned to the parameter when the call returns
     * @param g the gradient after coupled weight decay, row-major, of {@code theta}'s length; a fresh copy that
     *     may be overwritten
     * @param buffers Modified: the parameter's buffers, read and written in place through
     *     {@link Buffers#get(Slot)} with the slots given at construction
     * @throws ArithmeticException if the rule cannot produce a finite value (the built-in rules throw when a
     *     denominator is not positive rather than writing NaN); the parameters processed before keep their
     *     update
     */
    protected abstract void update(String parameterName, long t, double lr, double[] theta, double[] g,
            Buffers buffers);

    @Override
    public final void step() {
        double lr = learningRate;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Matrix grad = p.grad();
            if (grad == null) {
                continue;
            }
            Matrix value = p.value();
            if (!grad.sameShape(value)) {
                throw new IllegalArgumentException(name + ": gradient of '" + p.name() + "' has shape "
                        + grad.shape() + " but the parameter has shape " + value.shape());
            }
            double[] g = grad.toRowMajorArray();
            long t = steps[i] + 1;
            Buffers b = buffers[i];
            // one copy of the parameter, updated in place and adopted by the new value
            Matrix next = value.updatedRowMajor(theta -> {
                applyWeightDecay(theta, g, lr);
                update(p.name(), t, lr, theta, g, b);
            });
            steps[i] = t;
            p.assign(next);
        }
    }

    private void applyWeightDecay(double[] theta, double[] g, double lr) {
        double lambda = weightDecay.coefficient();
        switch (weightDecay.kind()) {
            case NONE -> {
            }
            case COUPLED_L2 -> {
                for (int k = 0; k < g.length; k++) {
                    g[k] = g[k] + lambda * theta[k];
                }
            }
            case DECOUPLED -> {
                double factor = 1.0 - lr * lambda;
                for (int k = 0; k < theta.length; k++) {
                    theta[k] = theta[k] * factor;
                }
            }
            case DECOUPLED_UNSCALED -> {
                double factor = 1.0 - lambda;
                for (int k = 0; k < theta.length; k++) {
                    theta[k] = theta[k] * factor;
                }
            }
            default -> throw new IllegalStateException(name + ": unknown weight decay " + weightDecay.kind());
        }
    }

    /**
     * Fails when a denominator is not a positive number: with {@code epsilon = 0} a coordinate whose
     * gradients have all been 0 gives {@code 0 / 0}.
     */
    final ArithmeticException zeroDenominator(String parameterName, int index, double denominator, String what) {
        return new ArithmeticException(name + ": parameter '" + parameterName + "' element " + index
                + ": denominator " + what + " = " + denominator + " is not > 0 (with epsilon = 0 a coordinate"
                + " whose gradients are all 0 divides 0 by 0; the source documents omit epsilon, see"
                + " docs/errata.md; use epsilon > 0)");
    }

    /**
     * The optimizer's name (its class name).
     *
     * @return the name
     */
    final String name() {
        return name;
    }

    @Override
    public final void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Check.nonNegative(name, "learningRate", learningRate);
    }

    @Override
    public final OptimizerHyperparameters hyperparameters() {
        return hyperparameters;
    }

    @Override
    public final List<ParameterState> state() {
        ParameterState[] out = new ParameterState[parameters.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = stateOf(i);
        }
        return List.of(out);
    }

    @Override
    public final ParameterState state(Parameter parameter) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) == parameter) {
                return stateOf(i);
            }
        }
        throw new IllegalArgumentException(name + ": parameter '"
                + (parameter == null ? "null" : parameter.name()) + "' is not optimized by this optimizer");
    }

    private ParameterState stateOf(int i) {
        Matrix value = parameters.get(i).value();
        Map<String, Matrix> map = new LinkedHashMap<>();
        for (Slot slot : slots) {
            map.put(slot.name(), Matrix.fromRowMajor(value.rows(), value.cols(), buffers[i].get(slot)));
        }
        return new ParameterState(parameters.get(i).name(), steps[i], Collections.unmodifiableMap(map));
    }

    @Override
    public final OptimizerState saveState() {
        return new OptimizerState(name, hyperparameters, learningRate, state());
    }

    @Override
    public final void loadState(OptimizerState state) {
        Objects.requireNonNull(state, () -> name + ".loadState: state must not be null");
        if (!state.optimizer().equals(name)) {
            throw new IllegalArgumentException(name + ".loadState: snapshot is of a " + state.optimizer()
                    + ", not a " + name);
        }
        List<ParameterState> states = state.parameters();
        if (states.size() != parameters.size()) {
            throw new IllegalArgumentException(name + ".loadState: snapshot has " + states.size()
                    + " parameters, this optimizer has " + parameters.size());
        }
        List<String> bufferNames = slots.stream().map(Slot::name).toList();
        double[][][] restored = new double[parameters.size()][slots.size()][];
        for (int i = 0; i < states.size(); i++) {
            ParameterState ps = states.get(i);
            Parameter p = parameters.get(i);
            if (!ps.parameterName().equals(p.name())) {
                throw new IllegalArgumentException(name + ".loadState: parameter " + i + " is '" + p.name()
                        + "' but the snapshot's is '" + ps.parameterName() + "'");
            }
            if (!List.copyOf(ps.buffers().keySet()).equals(bufferNames)) {
                throw new IllegalArgumentException(name + ".loadState: parameter '" + p.name() + "' has buffers "
                        + bufferNames + " but the snapshot has " + ps.buffers().keySet());
            }
            for (int b = 0; b < bufferNames.size(); b++) {
                Matrix m = ps.buffers().get(bufferNames.get(b));
                if (!m.sameShape(p.value())) {
                    throw new IllegalArgumentException(name + ".loadState: buffer '" + bufferNames.get(b) + "' of '"
                            + p.name() + "' has shape " + m.shape() + ", the parameter has shape " + p.shape());
                }
                restored[i][b] = m.toRowMajorArray();
            }
        }
        for (int i = 0; i < states.size(); i++) {
            steps[i] = states.get(i).step();
            for (int b = 0; b < slots.size(); b++) {
                buffers[i].set(slots.get(b), restored[i][b]);
            }
        }
        learningRate = state.learningRate();
    }

    @Override
    public String toString() {
        return name + "[" + hyperparameters + ", current learningRate=" + learningRate + "]";
    }
}
