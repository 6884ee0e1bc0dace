package io.github.dlref.verify.oracle.spec;

import java.util.Objects;

/**
 * A spec (or another oracle input file) that is not acceptable: invalid JSON, an unknown key, a missing
 * field, a value of the wrong type, a shape that does not fit the model, or an out-of-range hyper-parameter.
 *
 * <p>It carries the JSON path of the offending value, written as in JSONPath: {@code $} is the document,
 * {@code .name} selects a key and {@code [i]} an array element, for example {@code $.optimizer.betas[1]}.
 * The message is {@code <path>: <problem>}, where the problem says what was expected and what was found, for
 * example {@code $.optimizer.betas[1]: expected a number in [0, 1), got 1.0}. The command line prints this
 * one line and exits with status 2.
 */
public final class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The JSON path of the offending value. */
    private final String path;
    /** What was expected and what was found. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param path the JSON path, starting with {@code $}
     * @param problem what was expected and found
     * @throws NullPointerException if an argument is null
     */
    public SpecException(String path, String problem) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(problem, "problem"));
        this.path = path;
        this.problem = problem;
    }

    /**
     * Creates the exception with a cause (for example a library's validation error).
     *
     * @param path the JSON path, starting with {@code $}
     * @param problem what was expected and found
     * @param cause the underlying exception
     * @throws NullPointerException if {@code path} or {@code problem} is null
     */
    public SpecException(String path, String problem, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.path = path;
        this.problem = problem;
    }

    /**
     * The JSON path of the offending value.
     *
     * @return the path, such as {@code $.optimizer.betas[1]}
     */
    public String path() {
        return path;
    }

    /**
     * What was expected and what was found, without the path.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
