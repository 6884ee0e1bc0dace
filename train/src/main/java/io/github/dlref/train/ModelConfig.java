package io.github.dlref.train;

import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.Sequential;
import io.github.dlref.nn.layers.BatchNorm;
import io.github.dlref.nn.layers.Dropout;
import io.github.dlref.nn.layers.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron for classification: for each hidden width {@code h_k} the block
 * {@code Linear(h_{k-1}, h_k)}, then {@code BatchNorm(h_k)} if enabled, then the activation, then
 * {@code Dropout(p)} if {@code p > 0}; finally {@code Linear(h_last, classes)} producing logits (the softmax is
 * part of the cross-entropy loss, as with PyTorch's {@code CrossEntropyLoss}). With no hidden widths the model is
 * a linear (softmax-regression) classifier.
 *
 * @param hidden the hidden widths, each {@code >= 1} (may be empty)
 * @param activation the hidden activation
 * @param dropout the drop probability {@code p} after each hidden activation, in {@code [0, 1)}
 * @param batchNorm whether each hidden linear layer is followed by batch normalization (PyTorch's defaults:
 *     eps 1e-5, momentum 0.1)
 * @param init how the linear layers are initialized
 */
public record ModelConfig(List<Integer> hidden, Activation activation, double dropout, boolean batchNorm,
        InitScheme init) {

    /**
     * The largest network {@link #build(int, int, Seeds)} creates: 50 million parameters (400 MB of doubles, and
     * about as much again for gradients and optimizer buffers). Checked before any allocation, so that a typo such
     * as {@code --hidden 1000000000} is refused in one line instead of exhausting the heap. dlref's choice.
     */
    public static final long MAX_PARAMETERS = 50_000_000L;


    /**
     * Validates and copies.
     *
     * @param hidden the hidden widths
     * @param activation the activation
     * @param dropout the drop probability
     * @param batchNorm whether to use batch normalization
     * @param init the initialization scheme
     * @throws IllegalArgumentException naming the setting, its value and the valid range
     */
    public ModelConfig {
        if (hidden == null) {
            throw new IllegalArgumentException("model: hidden widths must not be null");
        }
        for (Integer h : hidden) {
            if (h == null || h < 1) {
                throw new IllegalArgumentException("model: every hidden width must be >= 1, got " + hidden);
            }
        }
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "model: activation must not be null");
        Objects.requireNonNull(init, "model: init must not be null");
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("model: dropout (drop probability) must be in [0, 1), got " + dropout);
        }
    }

    /**
     * Builds the model with fresh parameters.
     *
     * @param inputs the input width {@code D}, {@code >= 1}
     * @param classes the number of classes, {@code >= 1}
     * @param seeds the run's seeds: weights from {@code new Rng(seeds.init())}, dropout layer {@code k} from
     *     {@code new Rng(seeds.dropout() + k)}
     * @return the network and the generators of its dropout layers
     */
    public Network build(int inputs, int classes, Seeds seeds) {
        checkSize(inputs, classes);
        Rng initRng = new Rng(seeds.init());
        List<Module> layers = new ArrayList<>();
        List<Rng> dropoutRngs = new ArrayList<>();
        int width = inputs;
        for (int h : hidden) {
            layers.add(linear(width, h, initRng));
            if (batchNorm) {
                layers.add(new BatchNorm(h));
            }
            layers.add(activation.create());
            if (dropout > 0.0) {
                Rng rng = new Rng(seeds.dropout() + dropoutRngs.size());
                dropoutRngs.add(rng);
                layers.add(new Dropout(dropout, rng));
            }
            width = h;
        }
        layers.add(linear(width, classes, initRng));
        return new Network(new Sequential(layers), dropoutRngs);
    }

    /**
     * The number of trainable parameters of the network for the given widths: per linear layer
     * {@code in * out + out}, per batch-norm layer {@code 2 h}.
     *
     * @param inputs the number of input features
     * @param classes the number of classes
     * @return the parameter count (exact: computed in {@code long})
     */
    public long parameterCount(int inputs, int classes) {
        long count = 0;
        long width = inputs;
        for (int h : hidden) {
            count += width * h + h;
            if (batchNorm) {
                count += 2L * h;
            }
            width = h;
        }
        return count + width * classes + classes;
    }

    /**
     * Refuses, before anything is allocated, a network larger than {@link #MAX_PARAMETERS}.
     *
     * @param inputs the number of input features
     * @param classes the number of classes
     * @throws IllegalArgumentException naming the sizes and the limit
     */
    public void checkSize(int inputs, int classes) {
        long count = parameterCount(inputs, classes);
        if (count > MAX_PARAMETERS) {
            throw new IllegalArgumentException("model: " + describe(inputs, classes) + " has " + count
                    + " parameters, more than the limit of " + MAX_PARAMETERS + " (8 bytes each, and as much again"
                    + " for gradients and optimizer state); use smaller hidden widths");
        }
    }

    private Linear linear(int in, int out, Rng rng) {
        if (init.weight() == null) {
            return new Linear(in, out, rng);
        }
        return new Linear(in, out, true, init.weight(), init.bias(), rng);
    }

    /**
     * A short description, for example {@code 784-256-10 relu}.
     *
     * @param inputs the input width
     * @param classes the number of classes
     * @return the description
     */
    public String describe(int inputs, int classes) {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        sb.append('-').append(classes);
        if (!hidden.isEmpty()) {
            sb.append(' ').append(activation.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (batchNorm) {
            sb.append(" +batchnorm");
        }
        if (dropout > 0) {
            sb.append(" +dropout ").append(dropout);
        }
        return sb.toString();
    }
}
