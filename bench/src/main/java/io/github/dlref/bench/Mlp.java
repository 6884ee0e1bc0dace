package io.github.dlref.bench;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import io.github.dlref.nn.ParameterRole;
import io.github.dlref.nn.layers.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron {@code Linear, ReLU, Linear, ..., Linear} that computes exactly what
 * {@code new Sequential(new Linear(...), new ReLU(), ...)} computes ({@code x W^T + b} by
 * {@link Tensor#timesTranspose(Tensor)} and {@link Tensor#plusRow(Tensor)}, then {@link Tensor#relu()}), from
 * the same initial values ({@link Linear}'s PyTorch default, drawn layer by layer, weight then bias).
 *
 * <p>Why not {@code Sequential} itself: each {@code Linear} names its parameters {@code weight} and
 * {@code bias} (local names), and the optimizers refuse two parameters with the same name, so a
 * {@code Sequential} of two {@code Linear} layers cannot be handed to an optimizer. This module registers
 * its parameters under unique names, {@code layer0_weight}, {@code layer0_bias}, {@code layer1_weight}, ...
 */
final class Mlp extends Module {

    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();

    /**
     * @param widths the layer widths {@code in, hidden..., out}, at least two
     * @param rng the generator of the initial values
     */
    Mlp(Rng rng, int... widths) {
        Objects.requireNonNull(rng, "Mlp: rng must not be null");
        if (widths.length < 2) {
            throw new IllegalArgumentException("Mlp: at least an input and an output width are needed, got "
                    + widths.length + " width(s)");
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            Linear init = new Linear(widths[l], widths[l + 1], rng);
            weights.add(registerParameter("layer" + l + "_weight", init.weight().value(), ParameterRole.WEIGHT));
            biases.add(registerParameter("layer" + l + "_bias", init.bias().value(), ParameterRole.BIAS));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int l = 0; l < weights.size(); l++) {
            x = x.timesTranspose(weights.get(l)).plusRow(biases.get(l));
            if (l + 1 < weights.size()) {
                x = x.relu();
            }
        }
        return x;
    }
}
