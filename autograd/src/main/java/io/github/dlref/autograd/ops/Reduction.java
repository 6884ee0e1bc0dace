package io.github.dlref.autograd.ops;

/**
 * How a loss op combines its per-sample (or per-element) losses, PyTorch's {@code reduction} argument.
 */
public enum Reduction {
    /** No reduction: the per-sample losses themselves ({@code reduction='none'}). */
    NONE,
    /** The arithmetic mean of the losses ({@code reduction='mean'}, PyTorch's default). */
    MEAN,
    /** The sum of the losses ({@code reduction='sum'}). */
    SUM
}
