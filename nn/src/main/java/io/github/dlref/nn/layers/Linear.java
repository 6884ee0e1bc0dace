package io.github.dlref.nn.layers;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ParameterRole;
import io.github.dlref.nn.init.Initializer;
import io.github.dlref.nn.init.Uniform;
import java.util.Objects;

/**
 * A fully connected layer, PyTorch's {@code nn.Linear}: {@code y = x W^T + b}.
 *
 * <p>Shapes: input {@code N x in}, weight {@code W} {@code out x in} (parameter {@code "weight"}, role
 * {@code WEIGHT}), bias {@code b} {@code 1 x out} (parameter {@code "bias"}, role {@code BIAS}, optional),
 * output {@code N x out}. The source documents write the column convention {@code z = W x + b} with one
 * sample per column (bp-optimizers {@code Z = W A + b}, dl-basics {@code z = W^(1) x}); with one sample
 * per row that is {@code z^T = x^T W^T + b^T}, the same {@code W}.
 *
 * <p>Gradients (from the ops {@code TimesTranspose} and {@code AddRow}): {@code dL/dx = G W},
 * {@code dL/dW = G^T x} (bp-optimizers' {@code dZ A^T} in the column convention), {@code dL/db} = the column
 * sums of {@code G}, for the upstream gradient {@code G = dL/dy}.
 *
 * <p>Default initialization (PyTorch's {@code reset_parameters}): {@code W} and then {@code b} drawn from
 * {@code U(-k, k)} with {@code k = 1 / sqrt(in)} (PyTorch writes this as {@code kaiming_uniform_} with
 * {@code a = sqrt(5)}); draw order: all of {@code W} row-major, then {@code b}.
 *
 * <p>Example: a layer from 3 to 2 features, seeded, and one with given values
 * ({@code y = x W^T + b = (1 * 1 + 2 * 0 + 0.5, 1 * 0 + 2 * 1 - 0.5) = (1.5, 1.5)} for {@code x = (1, 2)}):
 * <pre>{@code
 * Linear seeded = new Linear(3, 2, new Rng(7));           // W 2 x 3 and b 1 x 2 from U(-1/sqrt(3), 1/sqrt(3))
 * Linear fixed = new Linear(Matrix.of(new double[][] {{1, 0}, {0, 1}}), Matrix.rowVector(0.5, -0.5));
 * Matrix y = fixed.predict(Matrix.rowVector(1, 2));        // (1.5, 1.5)
 * Tensor out = fixed.forward(Tensor.constant(Matrix.rowVector(1, 2)));   // the same, as a graph node
 * }</pre>
 */
public final class Linear extends Module {

    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer with a bias and PyTorch's default initialization.
     *
     * @param inFeatures the input width {@code in}, {@code >= 1}
     * @param outFeatures the output width {@code out}, {@code >= 1}
     * @param rng the generator for the initial values
     * @throws IllegalArgumentException if a width is below 1
     */
    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, rng);
    }

    /**
     * A layer with PyTorch's default initialization.
     *
     * @param inFeatures the input width {@code in}, {@code >= 1}
     * @param outFeatures the output width {@code out}, {@code >= 1}
     * @param withBias whether the layer has a bias
     * @param rng the generator for the initial values
     * @throws IllegalArgumentException if a width is below 1
     */
    public Linear(int inFeatures, int outFeatures, boolean withBias, Rng rng) {
        this(inFeatures, outFeatures, withBias, defaultInit(inFeatures), defaultInit(inFeatures), rng);
    }

    /**
     * A layer with chosen initializers; draws {@code W} first, then {@code b}.
     *
     * @param inFeatures the input width {@code in}, {@code >= 1}
     * @param outFeatures the output width {@code out}, {@code >= 1}
     * @param withBias whether the layer has a bias
     * @param weightInit draws the {@code out x in} weight
     * @param biasInit draws the {@code 1 x out} bias (ignored without a bias)
     * @param rng the generator for the initial values
     * @throws IllegalArgumentException if a width is below 1
     */
    public Linear(int inFeatures, int outFeatures, boolean withBias, Initializer weightInit, Initializer biasInit,
            Rng rng) {
        checkWidths(inFeatures, outFeatures);
        Objects.requireNonNull(weightInit, "Linear: weightInit must not be null");
        Objects.requireNonNull(rng, "Linear: rng must not be null");
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", weightInit.initialize(outFeatures, inFeatures, rng),
                ParameterRole.WEIGHT);
        if (withBias) {
            Objects.requireNonNull(biasInit, "Linear: biasInit must not be null when the layer has a bias");
            this.bias = registerParameter("bias", biasInit.initialize(1, outFeatures, rng), ParameterRole.BIAS);
        } else {
            this.bias = null;
        }
    }

    /**
     * A layer with given values (no random draws).
     *
     * @param weight the {@code out x in} weight
     * @param bias the {@code 1 x out} bias, or {@code null} for a layer without bias
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public Linear(Matrix weight, Matrix bias) {
        Objects.requireNonNull(weight, "Linear: weight must not be null");
        checkWidths(weight.cols(), weight.rows());
        this.inFeatures = weight.cols();
        this.outFeatures = weight.rows();
        this.weight = registerParameter("weight", weight, ParameterRole.WEIGHT);
        if (bias != null) {
            if (bias.rows() != 1 || bias.cols() != outFeatures) {
                throw new IllegalArgumentException("Linear: bias must be 1x" + outFeatures + " for weight "
                        + weight.shape() + ", got " + bias.shape());
            }
            this.bias = registerParameter("bias", bias, ParameterRole.BIAS);
        } else {
            this.bias = null;
        }
    }

    private static Initializer defaultInit(int inFeatures) {
        return Uniform.symmetric(inFeatures > 0 ? 1.0 / Math.sqrt(inFeatures) : 0.0);
    }

    private static void checkWidths(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be >= 1, got in=" + in
                    + ", out=" + out);
        }
    }

    /**
     * Computes {@code x W^T + b}.
     *
     * @param input an {@code N x in} batch
     * @return the {@code N x out} output
     * @throws IllegalArgumentException if the input does not have {@code in} columns
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Linear.forward: input must not be null");
        if (input.cols() != inFeatures) {
            throw new IllegalArgumentException("Linear(in=" + inFeatures + ", out=" + outFeatures + "): input "
                    + input.shape() + " has " + input.cols() + " columns, expected " + inFeatures);
        }
        Tensor y = input.timesTranspose(weight);
        return bias == null ? y : y.plusRow(bias);
    }

    /**
     * The weight {@code W}, {@code out x in}.
     *
     * @return the parameter
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * Whether the layer has a bias.
     *
     * @return {@code true} if it has one
     */
    public boolean hasBias() {
        return bias != null;
    }

    /**
     * The bias {@code b}, {@code 1 x out}.
     *
     * @return the parameter
     * @throws IllegalStateException if the layer has no bias
     */
    public Parameter bias() {
        if (bias == null) {
            throw new IllegalStateException("Linear(in=" + inFeatures + ", out=" + outFeatures + ") has no bias");
        }
        return bias;
    }

    /**
     * The input width.
     *
     * @return {@code in}
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * The output width.
     *
     * @return {@code out}
     */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null);
    }
}
