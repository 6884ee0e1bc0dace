package io.github.dlref.verify.oracle.spec;

/**
 * What {@code dlref run} writes besides the per-step loss, gradients, parameters and buffers.
 *
 * @param optimizerState whether every step also carries the optimizer's state (step counts and buffers)
 */
public record OutputSpec(boolean optimizerState) {

    /** The default: no optimizer state. */
    public static final OutputSpec DEFAULT = new OutputSpec(false);
}
