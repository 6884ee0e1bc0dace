package io.github.dlref.train;

import io.github.dlref.nn.Module;
import io.github.dlref.nn.layers.Hardtanh;
import io.github.dlref.nn.layers.LeakyReLU;
import io.github.dlref.nn.layers.ReLU;
import io.github.dlref.nn.layers.SiLU;
import io.github.dlref.nn.layers.Sigmoid;
import io.github.dlref.nn.layers.Softplus;
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
    LEAKY_RELU,
    /** {@code x Phi(x)}, the exact GELU with {@code erf} ({@link io.github.dlref.nn.layers.GELU}, PyTorch's default form). */
    GELU,
    /** GELU's tanh approximation ({@link io.github.dlref.nn.layers.GELU} with {@code approximate='tanh'}). */
    GELU_TANH,
    /** {@code x} for {@code x > 0}, else {@code e^x - 1} ({@link io.github.dlref.nn.layers.ELU}, {@code alpha = 1}). */
    ELU,
    /** SELU with PyTorch's constants ({@link io.github.dlref.nn.layers.SELU}). */
    SELU,
    /** {@code x sigma(x)} ({@link SiLU}). */
    SILU,
    /** {@code ln(1 + e^x)}, the identity above 20 ({@link Softplus}, PyTorch's defaults). */
    SOFTPLUS,
    /** {@code min(max(x, -1), 1)} ({@link Hardtanh}, PyTorch's defaults). */
    HARDTANH;

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
            case GELU -> new io.github.dlref.nn.layers.GELU();
            case GELU_TANH -> new io.github.dlref.nn.layers.GELU(io.github.dlref.nn.layers.GELU.Approximation.TANH);
            case ELU -> new io.github.dlref.nn.layers.ELU();
            case SELU -> new io.github.dlref.nn.layers.SELU();
            case SILU -> new SiLU();
            case SOFTPLUS -> new Softplus();
            case HARDTANH -> new Hardtanh();
        };
    }
}
