package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ParameterRole;
import io.github.dlref.nn.ops.Broadcast;
import java.util.Objects;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016; PyTorch {@code nn.LayerNorm(D)} on {@code N x D} input):
 * each sample (row) is normalized over its {@code D} features, so, unlike {@link BatchNorm}, nothing depends on
 * the other samples of the batch and training and evaluation compute the same. For row {@code i}:
 * <pre>
 *   mu_i     = (1/D) sum_j x_ij
 *   sigma2_i = (1/D) sum_j (x_ij - mu_i)^2               (biased variance, as PyTorch)
 *   y_ij     = (x_ij - mu_i) / sqrt(sigma2_i + eps) gamma_j + beta_j
 * </pre>
 * with {@code eps = 1e-5} by default and, when {@code elementwise_affine}, the learned {@code gamma} (parameter
 * {@code "weight"}, {@code 1 x D}, ones, role {@code SCALE}) and {@code beta} ({@code "bias"}, {@code 1 x D},
 * zeros, role {@code SHIFT}), PyTorch's names and initial values. Built from autograd ops (the gradient with
 * respect to {@code x} flows through {@code mu_i} and {@code sigma2_i}), like {@link BatchNorm} with the roles of
 * rows and columns exchanged.
 *
 * <p>Shapes: {@code N x D} to {@code N x D}. Only {@code normalized_shape = (D)}, the last dimension, is
 * provided: a batch here is a matrix, and PyTorch's {@code normalized_shape = (N, D)} would mix samples.
 */
public final class LayerNorm extends Module {

    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int numFeatures;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * A layer with PyTorch's defaults: {@code eps = 1e-5}, with the affine parameters.
     *
     * @param numFeatures the number of features {@code D}, {@code >= 1}
     */
    public LayerNorm(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, true);
    }

    /**
     * A layer with chosen settings.
     *
     * @param numFeatures the number of features {@code D}, {@code >= 1}
     * @param eps added to the variance before the square root, finite and {@code > 0}
     * @param elementwiseAffine whether the layer has the learned {@code gamma} and {@code beta}
     * @throws IllegalArgumentException if {@code numFeatures < 1} or {@code eps} is not positive and finite
     */
    public LayerNorm(int numFeatures, double eps, boolean elementwiseAffine) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("LayerNorm: numFeatures must be >= 1, got " + numFeatures);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be finite and > 0, got " + eps);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        if (elementwiseAffine) {
            this.gamma = registerParameter("weight", Matrix.ones(1, numFeatures), ParameterRole.SCALE);
            this.beta = registerParameter("bias", Matrix.zeros(1, numFeatures), ParameterRole.SHIFT);
        } else {
            this.gamma = null;
            this.beta = null;
        }
    }

    /**
     * Normalizes each row (see the class documentation).
     *
     * @param input an {@code N x D} batch
     * @return the {@code N x D} output
     * @throws IllegalArgumentException if the input does not have {@code D} columns
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "LayerNorm.forward: input must not be null");
        if (input.cols() != numFeatures) {
            throw new IllegalArgumentException("LayerNorm(" + numFeatures + "): input " + input.shape() + " has "
                    + input.cols() + " columns, expected " + numFeatures);
        }
        int n = input.rows();
        int d = numFeatures;
        Tensor mean = input.sumRows().times(1.0 / d);
        Tensor centered = input.minus(Broadcast.columns(mean, d));
        Tensor variance = centered.pow(2).sumRows().times(1.0 / d);
        Tensor invStd = variance.plus(eps).sqrt().pow(-1);
        Tensor normalized = centered.times(Broadcast.columns(invStd, d));
        if (gamma == null) {
            return normalized;
        }
        return normalized.times(Broadcast.rows(gamma, n)).plusRow(beta);
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
     * The constant added to the variance.
     *
     * @return {@code eps}
     */
    public double eps() {
        return eps;
    }

    /**
     * Whether the layer has the learned scale and shift.
     *
     * @return {@code elementwise_affine}
     */
    public boolean elementwiseAffine() {
        return gamma != null;
    }

    /**
     * The learned scale.
     *
     * @return {@code gamma} (parameter {@code "weight"})
     * @throws IllegalStateException if the layer is not affine
     */
    public Parameter gamma() {
        if (gamma == null) {
            throw new IllegalStateException("LayerNorm: elementwise_affine is false, there is no weight");
        }
        return gamma;
    }

    /**
     * The learned shift.
     *
     * @return {@code beta} (parameter {@code "bias"})
     * @throws IllegalStateException if the layer is not affine
     */
    public Parameter beta() {
        if (beta == null) {
            throw new IllegalStateException("LayerNorm: elementwise_affine is false, there is no bias");
        }
        return beta;
    }

    @Override
    protected String extraRepr() {
        return "(" + numFeatures + ",), eps=" + eps + ", elementwise_affine=" + (gamma != null);
    }
}
