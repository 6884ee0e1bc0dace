package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The machinery every optimizer shares: the parameter list, per-parameter step counts and named buffers
 * ({@link Buffers}: one flat row-major {@code double[]} per {@link Slot}, updated in place, so a step allocates
 * only the copies of the value and the gradient and the new value), weight decay, the learning rate,
 * snapshots.
 *
 * <p>A step, for each parameter with a gradient, in parameter order: copy the value {@code theta} and the
 * gradient {@code g}; apply the {@link WeightDecay}; call {@link #update} with the parameter's new step
 * count {@code t} (1 for its first update); assign the new value.
 */
abstract class BaseOptimizer implements Optimizer {

    private final String name;
    private final OptimizerHyperparameters hyperparameters;
    private final WeightDecay weightDecay;
    private final List<Parameter> parameters;
    private final List<Slot> slots;
    private final long[] steps;
    private final Buffers[] buffers;
    private double learningRate;

    /**
     * @param name the optimizer's name for messages and snapshots
     * @param parameters the parameters: non-empty, no parameter twice; names need not be unique (state is kept by position in this list, as PyTorch's {@code state_dict} does, and snapshots are matched by position, name and shape)
     * @param hyperparameters the validated hyper-parameter record
     * @param learningRate the initial learning rate
     * @param weightDecay the weight decay
     * @param slots the buffers each parameter gets, in the order snapshots list them
     * @param initialValues the initial value of every element of each slot's buffer, in slot order
     */
    BaseOptimizer(String name, List<Parameter> parameters, OptimizerHyperparameters hyperparameters,
            double learningRate, WeightDecay weightDecay, List<Slot> slots, double[] initialValues) {
        this.name = name;
        this.hyperparameters = Objects.requireNonNull(hyperparameters, () -> name + ": hyperparameters must not be null");
        this.weightDecay = weightDecay;
        this.learningRate = Check.nonNegative(name, "learningRate", learningRate);
        this.parameters = checkParameters(name, parameters);
        this.slots = List.copyOf(slots);
        int n = this.parameters.size();
        this.steps = new long[n];
        this.buffers = new Buffers[n];
        for (int i = 0; i < n; i++) {
            buffers[i] = new Buffers(name, this.slots, initialValues, this.parameters.get(i).value().size());
        }
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
     * Updates one parameter in place.
     *
     * @param parameterName for messages
     * @param t the parameter's step count including this step ({@code t >= 1})
     * @param lr the learning rate of this step
     * @param theta the value after weight decay, row-major; updated in place to the new value
     * @param g the gradient after coupled weight decay, row-major (may be overwritten)
     * @param buffers the parameter's buffers, looked up by the optimizer's {@link Slot} constants and updated
     *     in place
     */
    abstract void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers);

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
            double[] theta = value.toRowMajorArray();
            double[] g = grad.toRowMajorArray();
            applyWeightDecay(theta, g, lr);
            long t = steps[i] + 1;
            update(p.name(), t, lr, theta, g, buffers[i]);
            steps[i] = t;
            p.assign(Matrix.fromRowMajor(value.rows(), value.cols(), theta));
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
