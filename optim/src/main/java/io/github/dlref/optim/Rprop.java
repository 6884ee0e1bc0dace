package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.List;

/**
 * Rprop, resilient backpropagation (Riedmiller and Braun 1993), in PyTorch's convention
 * ({@code torch.optim.Rprop}, torch 1.13, {@code _single_tensor_rprop}): each element keeps its own step size,
 * which grows by {@code etaPlus} while the gradient keeps its sign and shrinks by {@code etaMinus} when it
 * flips; only the sign of the gradient is used. With {@code g} the gradient, {@code g'} the previous
 * (possibly zeroed) gradient (buffer {@code prev}, from 0) and {@code delta} the step size (buffer
 * {@code step_size}, set to the learning rate at the parameter's first step):
 *
 * <pre>
 *   f = etaPlus if g g' &gt; 0, etaMinus if g g' &lt; 0, 1 otherwise
 *   delta &lt;- min(max(delta f, stepSizeMin), stepSizeMax)
 *   g &lt;- 0 where f = etaMinus                 (no step after a sign change: "iRprop-")
 *   theta &lt;- theta - sign(g) delta
 *   g' &lt;- g
 * </pre>
 *
 * <p>The learning rate is read only at each parameter's first step, as in PyTorch: a schedule that changes it
 * later has no effect. PyTorch's Rprop has no weight decay; one given here is applied as for every optimizer
 * (a dlref extension).
 *
 * <p>Example: PyTorch's defaults (lr 0.01, etas (0.5, 1.2), step sizes (1e-6, 50)):
 * <pre>{@code
 * Rprop rprop = new Rprop(model.parameters(), Rprop.Hyperparameters.pytorch());
 * }</pre>
 */
public final class Rprop extends BaseOptimizer {

    /** The previous gradient, zeroed where its sign flipped (PyTorch's state key {@code prev}). */
    private static final Slot PREV = new Slot("prev");
    /** The per-element step size (PyTorch's {@code step_size}). */
    private static final Slot STEP_SIZE = new Slot("step_size");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link Rprop}.
     *
     * @param learningRate the initial step size, finite, {@code >= 0}
     * @param etaMinus the factor after a sign change, in {@code (0, 1)}
     * @param etaPlus the factor while the sign holds, finite, {@code > 1}
     * @param stepSizeMin the smallest step size, finite, {@code >= 0}
     * @param stepSizeMax the largest step size, finite, {@code >= stepSizeMin}
     * @param weightDecay the weight decay (not in PyTorch's Rprop; {@link WeightDecay#none()} there)
     */
    public record Hyperparameters(double learningRate, double etaMinus, double etaPlus, double stepSizeMin,
            double stepSizeMax, WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate the initial step size
         * @param etaMinus the decrease factor
         * @param etaPlus the increase factor
         * @param stepSizeMin the smallest step size
         * @param stepSizeMax the largest step size
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("Rprop", "learningRate", learningRate);
            if (!(etaMinus > 0.0 && etaMinus < 1.0)) {
                throw new IllegalArgumentException("Rprop: etaMinus must be in (0, 1), got " + etaMinus);
            }
            if (!(etaPlus > 1.0) || Double.isInfinite(etaPlus)) {
                throw new IllegalArgumentException("Rprop: etaPlus must be in (1, inf), got " + etaPlus);
            }
            Check.nonNegative("Rprop", "stepSizeMin", stepSizeMin);
            Check.nonNegative("Rprop", "stepSizeMax", stepSizeMax);
            if (stepSizeMax < stepSizeMin) {
                throw new IllegalArgumentException("Rprop: stepSizeMax must be >= stepSizeMin (" + stepSizeMin
                        + "), got " + stepSizeMax);
            }
            Check.notNull("Rprop", "weightDecay", weightDecay);
        }

        /**
         * torch 1.13 {@code torch.optim.Rprop} defaults: lr 0.01, etas (0.5, 1.2), step_sizes (1e-6, 50).
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(0.01, 0.5, 1.2, 1e-6, 50.0, WeightDecay.none());
        }

        @Override
        public String description() {
            return "PyTorch Rprop (per-element step sizes, sign of the gradient) [lr=" + learningRate + ", etas=("
                    + etaMinus + ", " + etaPlus + "), step_sizes=(" + stepSizeMin + ", " + stepSizeMax + ")"
                    + weightDecay.describe() + "]";
        }

        @Override
        public Rprop create(List<Parameter> parameters) {
            return new Rprop(parameters, this);
        }

        /**
         * A copy with another initial step size.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, etaMinus, etaPlus, stepSizeMin, stepSizeMax, weightDecay);
        }

        /**
         * A copy with other factors.
         *
         * @param minus {@code etaMinus}
         * @param plus {@code etaPlus}
         * @return the hyper-parameters
         */
        public Hyperparameters withEtas(double minus, double plus) {
            return new Hyperparameters(learningRate, minus, plus, stepSizeMin, stepSizeMax, weightDecay);
        }

        /**
         * A copy with other step-size bounds.
         *
         * @param min the smallest step size
         * @param max the largest step size
         * @return the hyper-parameters
         */
        public Hyperparameters withStepSizes(double min, double max) {
            return new Hyperparameters(learningRate, etaMinus, etaPlus, min, max, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, etaMinus, etaPlus, stepSizeMin, stepSizeMax, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public Rprop(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("Rprop", parameters, Check.notNull("Rprop", "hyperparameters", hyperparameters),
                List.of(PREV, STEP_SIZE));
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double[] prev = buffers.get(PREV);
        double[] stepSize = buffers.get(STEP_SIZE);
        if (t == 1) {
            java.util.Arrays.fill(stepSize, lr);
        }
        double minus = hyper.etaMinus();
        double plus = hyper.etaPlus();
        for (int k = 0; k < theta.length; k++) {
            double product = g[k] * prev[k];
            double factor = product > 0.0 ? plus : product < 0.0 ? minus : 1.0;
            stepSize[k] = Math.min(Math.max(stepSize[k] * factor, hyper.stepSizeMin()), hyper.stepSizeMax());
            double gk = factor == minus ? 0.0 : g[k];
            theta[k] = theta[k] - Math.signum(gk) * stepSize[k];
            prev[k] = gk;
        }
    }
}
