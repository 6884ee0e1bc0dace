package io.github.dlref.train;

/**
 * Whose defaults and arithmetic an optimizer follows (the presets of {@code io.github.dlref.optim}; see
 * {@code docs/conventions.md} for what differs: momentum form, where epsilon goes, initial accumulators).
 */
public enum Preset {
    /** PyTorch's {@code torch.optim} defaults and formulas. */
    PYTORCH,
    /** Keras 3's {@code keras.optimizers} defaults and formulas. */
    KERAS,
    /** Optax's defaults and formulas (Optax has no default learning rates; the app's are used). */
    OPTAX
}
