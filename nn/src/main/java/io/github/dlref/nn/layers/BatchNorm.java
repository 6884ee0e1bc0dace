package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Buffer;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ParameterRole;
import io.github.dlref.nn.ops.Broadcast;
import java.util.Objects;

/**
 * Batch normalization over features (Ioffe and Szegedy 2015; PyTorch {@code nn.BatchNorm1d} on
 * {@code N x D} input, Keras {@code BatchNormalization} on the last axis). param-optimization names it as a
 * remedy for vanishing gradients: it rescales each feature to a suitable range.
 *
 * <p>Training mode, for a batch {@code x} ({@code N x D}), per feature {@code j}:
 * <pre>
 *   mu_j     = (1/N) sum_i x_ij
 *   sigma2_j = (1/N) sum_i (x_ij - mu_j)^2              (biased variance, as both frameworks)
 *   xhat_ij  = (x_ij - mu_j) / sqrt(sigma2_j + eps)
 *   y_ij     = gamma_j xhat_ij + beta_j
 * </pre>
 * built from autograd ops, so the gradient with respect to {@code x} flows through {@code mu} and
 * {@code sigma2} (the full batch-norm backward). The running statistics are then updated without recording
 * a graph, by the selected {@link Convention}:
 * <ul>
 *   <li>{@link Convention#PYTORCH}: {@code running = (1 - momentum) running + momentum batch}, storing the
 *       <b>unbiased</b> variance {@code sum_i (x_ij - mu_j)^2 / (N - 1)}; needs {@code N >= 2} (PyTorch
 *       raises "Expected more than 1 value per channel when training"). Defaults eps 1e-5, momentum 0.1.</li>
 *   <li>{@link Convention#KERAS}: {@code moving = momentum moving + (1 - momentum) batch}, storing the
 *       <b>biased</b> variance (Keras 3 computes it with {@code ops.moments}); {@code N >= 1}. Defaults eps
 *       1e-3, momentum 0.99.</li>
 * </ul>
 * Evaluation mode: {@code y_ij = gamma_j (x_ij - runningMean_j) / sqrt(runningVar_j + eps) + beta_j}, with the
 * running statistics as constants; nothing is updated.
 *
 * <p>State: parameters {@code "weight"} ({@code gamma}, {@code 1 x D}, ones, role {@code SCALE}) and
 * {@code "bias"} ({@code beta}, {@code 1 x D}, zeros, role {@code SHIFT}) when affine; buffers
 * {@code "running_mean"} ({@code 1 x D}, zeros) and {@code "running_var"} ({@code 1 x D}, ones), PyTorch's
 * names (Keras calls them {@code moving_mean} and {@code moving_variance}). PyTorch's
 * {@code num_batches_tracked} and its cumulative-average mode ({@code momentum=None}) are not provided.
 */
public final class BatchNorm extends Module {

    /** How the running statistics are updated. */
    public enum Convention {
        /** PyTorch: {@code running = (1 - momentum) running + momentum batch}, unbiased variance stored. */
        PYTORCH,
        /** Keras: {@code moving = momentum moving + (1 - momentum) batch}, biased variance stored. */
        KERAS
    }

    /**
     * Hyper-parameters of a batch-normalization layer.
     *
     * @param eps the constant added to the variance before the square root, finite and {@code > 0}
     * @param momentum the running-statistics momentum in {@code [0, 1]}, read by {@code convention}
     * @param convention how {@code momentum} updates the running statistics
     * @param affine whether the layer has the learned {@code gamma} and {@code beta}
     */
    public record Config(double eps, double momentum, Convention convention, boolean affine) {

        /**
         * Validates the hyper-parameters.
         *
         * @param eps the epsilon
         * @param momentum the momentum
         * @param convention the convention
         * @param affine whether the layer is affine
         * @throws IllegalArgumentException if {@code eps} is not finite and positive or {@code momentum} is
         *     outside {@code [0, 1]}
         */
        public Config {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm: eps must be finite and > 0, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1], got " + momentum);
            }
            Objects.requireNonNull(convention, "BatchNorm: convention must not be null");
        }

        /**
         * PyTorch's defaults: eps 1e-5, momentum 0.1, PyTorch convention, affine.
         *
         * @return the configuration
         */
        public static Config pytorch() {
            return new Config(1e-5, 0.1, Convention.PYTORCH, true);
        }

        /**
         * Keras's defaults: epsilon 1e-3, momentum 0.99, Keras convention, affine ({@code center} and
         * {@code scale}).
         *
         * @return the configuration
         */
        public static Config keras() {
            return new Config(1e-3, 0.99, Convention.KERAS, true);
        }
    }

    private final int numFeatures;
    private final Config config;
    private final Parameter gamma;
    private final Parameter beta;
    private final Buffer runningMean;
    private final Buffer runningVar;

    /**
     * A layer with PyTorch's defaults ({@link Config#pytorch()}).
     *
     * @param numFeatures the number of features {@code D}, {@code >= 1}
     */
    public BatchNorm(int numFeatures) {
        this(numFeatures, Config.pytorch());
    }

    /**
     * A layer with chosen hyper-parameters.
     *
     * @param numFeatures the number of features {@code D}, {@code >= 1}
     * @param config the hyper-parameters
     * @throws IllegalArgumentException if {@code numFeatures < 1}
     */
    public BatchNorm(int numFeatures, Config config) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("BatchNorm: numFeatures must be >= 1, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.config = Objects.requireNonNull(config, "BatchNorm: config must not be null");
        if (config.affine()) {
            this.gamma = registerParameter("weight", Matrix.ones(1, numFeatures), ParameterRole.SCALE);
            this.beta = registerParameter("bias", Matrix.zeros(1, numFeatures), ParameterRole.SHIFT);
        } else {
            this.gamma = null;
            this.beta = null;
        }
        this.runningMean = registerBuffer("running_mean", Matrix.zeros(1, numFeatures));
        this.runningVar = registerBuffer("running_var", Matrix.ones(1, numFeatures));
    }

    /**
     * Normalizes the batch (see the class documentation for the formulas in each mode).
     *
     * @param input an {@code N x D} batch
     * @return the {@code N x D} output
     * @throws IllegalArgumentException if the input does not have {@code D} columns, or in training mode has
     *     fewer than 2 rows (PyTorch convention) or no rows (Keras convention)
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "BatchNorm.forward: input must not be null");
        if (input.cols() != numFeatures) {
            throw new IllegalArgumentException("BatchNorm(" + numFeatures + "): input " + input.shape() + " has "
                    + input.cols() + " columns, expected " + numFeatures);
        }
        int n = input.rows();
        Tensor normalized;
        if (isTraining()) {
            int minRows = config.convention() == Convention.PYTORCH ? 2 : 1;
            if (n < minRows) {
                throw new IllegalArgumentException("BatchNorm(" + numFeatures + "): training needs at least "
                        + minRows + " rows (samples) per batch with the " + config.convention()
                        + " convention, got input " + input.shape());
            }
            Tensor mean = input.sumCols().times(1.0 / n);
            Tensor centered = input.minus(Broadcast.rows(mean, n));
            Tensor sumSquares = centered.pow(2).sumCols();
            Tensor variance = sumSquares.times(1.0 / n);
            Tensor invStd = variance.plus(config.eps()).sqrt().pow(-1);
            normalized = centered.times(Broadcast.rows(invStd, n));
            updateRunningStatistics(mean.value(), variance.value(), sumSquares.value(), n);
        } else {
            Tensor centered = input.minus(Tensor.constant(runningMean.value().repeatRows(n)));
            Matrix invStd = runningVar.value().plus(config.eps()).sqrt().pow(-1);
            normalized = centered.times(Tensor.constant(invStd.repeatRows(n)));
        }
        if (!config.affine()) {
            return normalized;
        }
        return normalized.times(Broadcast.rows(gamma, n)).plusRow(beta);
    }

    private void updateRunningStatistics(Matrix batchMean, Matrix biasedVar, Matrix sumSquares, int n) {
        double m = config.momentum();
        if (config.convention() == Convention.PYTORCH) {
            Matrix unbiasedVar = sumSquares.times(1.0 / (n - 1));
            runningMean.update(runningMean.value().times(1 - m).plus(batchMean.times(m)));
            runningVar.update(runningVar.value().times(1 - m).plus(unbiasedVar.times(m)));
        } else {
            runningMean.update(runningMean.value().times(m).plus(batchMean.times(1 - m)));
            runningVar.update(runningVar.value().times(m).plus(biasedVar.times(1 - m)));
        }
    }

    /**
     * The number of features.
     *
     * @return {@code D}
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * The hyper-parameters.
     *
     * @return the configuration
     */
    public Config config() {
        return config;
    }

    /**
     * The learned scale {@code gamma}.
     *
     * @return the parameter
     * @throws IllegalStateException if the layer is not affine
     */
    public Parameter gamma() {
        if (gamma == null) {
            throw new IllegalStateException("BatchNorm(" + numFeatures + ") is not affine: it has no gamma");
        }
        return gamma;
    }

    /**
     * The learned shift {@code beta}.
     *
     * @return the parameter
     * @throws IllegalStateException if the layer is not affine
     */
    public Parameter beta() {
        if (beta == null) {
            throw new IllegalStateException("BatchNorm(" + numFeatures + ") is not affine: it has no beta");
        }
        return beta;
    }

    /**
     * The running mean ({@code 1 x D}).
     *
     * @return the buffer
     */
    public Buffer runningMean() {
        return runningMean;
    }

    /**
     * The running variance ({@code 1 x D}; unbiased under the PyTorch convention, biased under Keras's).
     *
     * @return the buffer
     */
    public Buffer runningVar() {
        return runningVar;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + config.eps() + ", momentum=" + config.momentum() + ", convention="
                + config.convention() + ", affine=" + config.affine();
    }
}
