package io.github.dlref.optim;

import io.github.dlref.autograd.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * Averaged stochastic gradient descent (Polyak and Juditsky 1992; the step-size schedule of Bottou 2012,
 * "Stochastic Gradient Descent Tricks"), in PyTorch's convention ({@code torch.optim.ASGD}, torch 1.13,
 * {@code _single_tensor_asgd}). The parameters follow SGD with a decaying step {@code eta} and a decay term;
 * the average {@code ax} of the iterates (buffer {@code ax}) is kept alongside and is what the method returns
 * as its estimate (PyTorch keeps it in the state and does not copy it into the parameter). With {@code g} the
 * gradient (after coupled weight decay) and {@code t} the parameter's step count:
 *
 * <pre>
 *   theta &lt;- theta (1 - lambda eta)
 *   theta &lt;- theta - eta g
 *   ax &lt;- ax + mu (theta - ax)        (ax &lt;- theta while mu = 1)
 *   eta &lt;- lr / (1 + lambda lr t)^alpha,   mu &lt;- 1 / max(1, t - t0)
 * </pre>
 *
 * The step {@code eta} (buffer {@code eta}) starts at the learning rate of the parameter's first step and is
 * then recomputed from the learning rate of each step for the next one, as PyTorch does; {@code mu} (buffer
 * {@code mu}) starts at 1, so {@code ax} is the latest iterate up to step {@code t0 + 1} and from then on the
 * mean of the iterates from step {@code t0 + 2} (integer {@code t0}). {@code eta} and {@code mu} are
 * scalars in PyTorch; here each is a buffer of the parameter's shape whose elements are all equal.
 *
 * <p>Example: PyTorch's defaults (lr 0.01, lambd 1e-4, alpha 0.75, t0 1e6) and the averaged estimate:
 * <pre>{@code
 * ASGD asgd = new ASGD(model.parameters(), ASGD.Hyperparameters.pytorch());
 * Matrix average = asgd.state(asgd.parameters().get(0)).buffer("ax");
 * }</pre>
 */
public final class ASGD extends BaseOptimizer {

    /** The average of the iterates (PyTorch's state key {@code ax}). */
    private static final Slot AX = new Slot("ax");
    /** The step size of the next step (PyTorch's scalar {@code eta}). */
    private static final Slot ETA = new Slot("eta");
    /** The averaging weight of the next step (PyTorch's scalar {@code mu}). */
    private static final Slot MU = new Slot("mu");

    private final Hyperparameters hyper;

    /**
     * Hyper-parameters of {@link ASGD}.
     *
     * @param learningRate {@code lr}, finite, {@code >= 0}
     * @param lambda the decay term {@code lambd}, finite, {@code >= 0}
     * @param alpha the power of the step-size decay, finite, {@code >= 0}
     * @param t0 the step after which averaging starts, finite, {@code >= 0}
     * @param weightDecay the weight decay (PyTorch's {@code weight_decay} is {@link WeightDecay#coupledL2(double)})
     */
    public record Hyperparameters(double learningRate, double lambda, double alpha, double t0,
            WeightDecay weightDecay) implements OptimizerHyperparameters {

        /**
         * Validates every hyper-parameter.
         *
         * @param learningRate {@code lr}
         * @param lambda the decay term
         * @param alpha the power
         * @param t0 the averaging start
         * @param weightDecay the weight decay
         * @throws IllegalArgumentException naming the parameter, its value and the valid range
         */
        public Hyperparameters {
            Check.nonNegative("ASGD", "learningRate", learningRate);
            Check.nonNegative("ASGD", "lambda", lambda);
            Check.nonNegative("ASGD", "alpha", alpha);
            Check.nonNegative("ASGD", "t0", t0);
            Check.notNull("ASGD", "weightDecay", weightDecay);
        }

        /**
         * torch 1.13 {@code torch.optim.ASGD} defaults: lr 0.01, lambd 1e-4, alpha 0.75, t0 1e6, weight_decay 0.
         *
         * @return the hyper-parameters
         */
        public static Hyperparameters pytorch() {
            return new Hyperparameters(0.01, 1e-4, 0.75, 1e6, WeightDecay.none());
        }

        @Override
        public String description() {
            return "PyTorch ASGD (eta = lr / (1 + lambda lr t)^alpha, average from t0) [lr=" + learningRate
                    + ", lambd=" + lambda + ", alpha=" + alpha + ", t0=" + t0 + weightDecay.describe() + "]";
        }

        @Override
        public ASGD create(List<Parameter> parameters) {
            return new ASGD(parameters, this);
        }

        /**
         * A copy with another learning rate.
         *
         * @param value the learning rate
         * @return the hyper-parameters
         */
        public Hyperparameters withLearningRate(double value) {
            return new Hyperparameters(value, lambda, alpha, t0, weightDecay);
        }

        /**
         * A copy with other schedule settings.
         *
         * @param newLambda {@code lambd}
         * @param newAlpha {@code alpha}
         * @param newT0 {@code t0}
         * @return the hyper-parameters
         */
        public Hyperparameters withSchedule(double newLambda, double newAlpha, double newT0) {
            return new Hyperparameters(learningRate, newLambda, newAlpha, newT0, weightDecay);
        }

        /**
         * A copy with another weight decay.
         *
         * @param value the weight decay
         * @return the hyper-parameters
         */
        public Hyperparameters withWeightDecay(WeightDecay value) {
            return new Hyperparameters(learningRate, lambda, alpha, t0, value);
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param parameters the parameters to update: non-empty, no parameter twice
     * @param hyperparameters the hyper-parameters
     * @throws IllegalArgumentException on an invalid parameter list
     */
    public ASGD(List<Parameter> parameters, Hyperparameters hyperparameters) {
        super("ASGD", parameters, Check.notNull("ASGD", "hyperparameters", hyperparameters),
                List.of(AX, ETA, MU), new double[] {0.0, 0.0, 1.0});
        this.hyper = hyperparameters;
    }

    @Override
    protected void update(String parameterName, long t, double lr, double[] theta, double[] g, Buffers buffers) {
        double[] ax = buffers.get(AX);
        double[] etaBuffer = buffers.get(ETA);
        double[] muBuffer = buffers.get(MU);
        int n = theta.length;
        if (n == 0) {
            return;
        }
        if (t == 1) {
            Arrays.fill(etaBuffer, lr);
        }
        double eta = etaBuffer[0];
        double mu = muBuffer[0];
        double lambda = hyper.lambda();
        double decay = 1.0 - lambda * eta;
        double negEta = -eta;
        for (int k = 0; k < n; k++) {
            theta[k] = theta[k] * decay;
            theta[k] = theta[k] + negEta * g[k];
            ax[k] = mu != 1.0 ? ax[k] + (theta[k] - ax[k]) * mu : theta[k];
        }
        Arrays.fill(etaBuffer, lr / StrictMath.pow(1.0 + lambda * lr * t, hyper.alpha()));
        Arrays.fill(muBuffer, 1.0 / Math.max(1.0, t - hyper.t0()));
    }
}
