package io.github.dlref.autograd;

/**
 * Thrown in anomaly-detection mode ({@link GradMode#detectAnomaly()}) by the first op whose forward output
 * or backward gradient contains NaN or an infinity; the message names the op, the pass (forward or
 * backward), the input and output shapes and the first offending element.
 */
public final class AnomalyException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was found, and where
     */
    public AnomalyException(String message) {
        super(message);
    }
}
