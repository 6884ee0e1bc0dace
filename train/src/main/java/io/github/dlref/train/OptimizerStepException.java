package io.github.dlref.train;

/**
 * An optimizer step of the {@link Trainer} failed with an {@link ArithmeticException} (for example a division by
 * zero the optimizer refuses). It is an {@code ArithmeticException} itself, so code that caught the optimizer's
 * exception still catches it; {@link #getCause()} is the optimizer's exception.
 */
public final class OptimizerStepException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The step, counting from 1. */
    private final long step;

    /**
     * Wraps the optimizer's exception.
     *
     * @param step the step that failed, counting from 1
     * @param cause the optimizer's exception
     */
    public OptimizerStepException(long step, ArithmeticException cause) {
        super("step " + step + ": " + cause.getMessage());
        initCause(cause);
        this.step = step;
    }

    /**
     * The step that failed.
     *
     * @return the step, counting from 1
     */
    public long step() {
        return step;
    }
}
