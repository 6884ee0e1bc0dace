package io.github.dlref.verify.oracle.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code dlref run} writes besides the per-step loss, gradients, parameters and buffers.
 *
 * @param optimizerState whether every step also carries the optimizer's state (step counts and buffers)
 * @param evaluation an evaluation-mode forward to record (layer outputs and an input gradient), or empty
 */
public record OutputSpec(boolean optimizerState, Optional<EvaluationSpec> evaluation) {

    /** The default: no optimizer state. */
    public static final OutputSpec DEFAULT = new OutputSpec(false);

    /**
     * Validates.
     *
     * @param optimizerState whether to write the optimizer state
     * @param evaluation the evaluation, or empty
     */
    public OutputSpec {
        Objects.requireNonNull(evaluation, "OutputSpec: evaluation");
    }

    /**
     * Output options without an evaluation forward.
     *
     * @param optimizerState whether to write the optimizer state
     */
    public OutputSpec(boolean optimizerState) {
        this(optimizerState, Optional.empty());
    }
}
