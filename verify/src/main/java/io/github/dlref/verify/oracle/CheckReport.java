package io.github.dlref.verify.oracle;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of comparing another implementation's trajectory with dlref's ({@link Comparer}).
 *
 * @param tolerance the tolerance applied
 * @param steps the number of steps compared
 * @param compared the number of values compared
 * @param failures how many values the tolerance rejects
 * @param firstDifference the first value (in step order, then {@code lr}, {@code loss}, {@code data_loss},
 *     gradients, parameters, buffers, optimizer state, each in row-major order) that differs at all, or empty
 *     if every value is identical
 * @param firstFailure the first value the tolerance rejects, or empty if the check passes
 * @param maxAbsolute the value with the largest absolute error, or empty if nothing differs
 * @param maxRelative the value with the largest relative error, or empty if nothing differs
 */
public record CheckReport(Tolerance tolerance, int steps, long compared, long failures,
        Optional<Divergence> firstDifference, Optional<Divergence> firstFailure, Optional<Divergence> maxAbsolute,
        Optional<Divergence> maxRelative) {

    /**
     * Validates.
     *
     * @param tolerance the tolerance
     * @param steps the steps
     * @param compared the count compared
     * @param failures the count rejected
     * @param firstDifference the first difference
     * @param firstFailure the first failure
     * @param maxAbsolute the largest absolute error
     * @param maxRelative the largest relative error
     */
    public CheckReport {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(firstDifference, "firstDifference");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(maxAbsolute, "maxAbsolute");
        Objects.requireNonNull(maxRelative, "maxRelative");
    }

    /**
     * Whether every value is within the tolerance.
     *
     * @return {@code failures == 0}
     */
    public boolean passed() {
        return failures == 0;
    }

    /**
     * The largest absolute error.
     *
     * @return the error, 0 if nothing differs
     */
    public double maxAbsoluteError() {
        return maxAbsolute.map(Divergence::absoluteError).orElse(0.0);
    }

    /**
     * The largest relative error.
     *
     * @return the error, 0 if nothing differs
     */
    public double maxRelativeError() {
        return maxRelative.map(Divergence::relativeError).orElse(0.0);
    }
}
