package io.github.dlref.train;

import io.github.dlref.nn.Module;
import io.github.dlref.nn.layers.LeakyReLU;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.nn.layers.Sigmoid;
import io.github.dlref.nn.layers.Tanh;

/** The hidden-layer activations the app offers, each an {@code nn.layers} module. */
public enum Activation {
    /** {@code max(0, x)}, with {@code ReLU'(0) = 0} ({@link ReLU}). */
    RELU,
    /** {@code tanh(x)} ({@link Tanh}). */
    TANH,
    /** {@code 1 / (1 + exp(-x))} ({@link Sigmoid}). */
    SIGMOID,
    /** {@code x} for {@code x > 0}, else {@code 0.01 x} (PyTorch's default slope, {@link LeakyReLU}). */
    LEAKY_RELU;

    /**
     * A new layer computing this activation.
     *
     * @return the module
     */
    public Module create() {
        return switch (this) {
            case RELU -> new ReLU();
            case TANH -> new Tanh();
            case SIGMOID -> new Sigmoid();
            case LEAKY_RELU -> new LeakyReLU();
        };
    }
}
