package io.github.dlref.nn;

/**
 * What a parameter is for, declared by the module that owns it. Regularizers use it to pick the
 * parameters they penalize: by default only {@link #WEIGHT}s (dl-basics penalizes {@code W^(1)} and
 * {@code W^(2)}, not biases), the usual choice in PyTorch and Keras code as well.
 */
public enum ParameterRole {
    /** A connection weight matrix ({@code Linear.weight}, out x in). */
    WEIGHT,
    /** An additive bias ({@code Linear.bias}, 1 x out). */
    BIAS,
    /** A normalization layer's learned scale {@code gamma} ({@code BatchNorm.weight}). */
    SCALE,
    /** A normalization layer's learned shift {@code beta} ({@code BatchNorm.bias}). */
    SHIFT
}
