package io.github.dlref.verify.oracle;

/**
 * A computation that the spec describes correctly but that cannot be completed, for example an update that
 * would divide by zero (an optimizer with {@code eps = 0} and a zero gradient). The command line reports the
 * message and exits with status 1.
 */
public final class OracleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the step
     * @param cause the library's exception
     */
    public OracleException(String message, Throwable cause) {
        super(message, cause);
    }
}
