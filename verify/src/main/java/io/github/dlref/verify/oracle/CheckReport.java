package io.github.dlref.verify.oracle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of comparing another implementation's trajectory with dlref's ({@link Comparer}).
 *
 * <p>The pass criterion is elementwise, {@code |theirs - ours| <= atol + rtol |ours|} ({@link Tolerance}; the
 * form of {@code numpy.allclose} and {@code torch.testing.assert_close}, with dlref's value as the reference).
 * Three measures say how far from it a run is, each meaningful where the others are not:
 * <ul>
 *   <li>the <b>worst value against the criterion</b> ({@link #worst()}, {@link #maxErrorRatio()}): the largest
 *       {@code |theirs - ours| / (atol + rtol |ours|)}; at most 1 exactly when the check passes;</li>
 *   <li>the <b>normwise relative error</b> per quantity and parameter ({@link #normwise()}):
 *       {@code ||theirs - ours|| / ||ours||} at its worst step, not misled by entries near zero;</li>
 *   <li>the <b>ulp distance</b> ({@link #maxUlp()}), over the values where the relative term of the criterion
 *       dominates ({@code rtol |ours| >= atol}); near zero, ulps say nothing.</li>
 * </ul>
 * The elementwise maximum absolute and relative errors are kept: the relative one
 * ({@code |a - b| / max(|a|, |b|)}) is 1 for {@code 2.8e-17} against {@code 0.0}, which is why it is not the
 * headline.
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
 * @param maxRelative the value with the largest elementwise relative error, or empty if nothing differs
 * @param worst the value with the largest error ratio against the tolerance, or empty if nothing differs
 * @param normwise the normwise relative error of every compared quantity (loss, learning rate, each gradient,
 *     parameter, buffer and optimizer-state buffer), in the order first compared
 * @param maxUlp the value with the largest ulp distance among those where {@code rtol |ours| >= atol}, or empty
 *     if none of those differs
 */
public record CheckReport(Tolerance tolerance, int steps, long compared, long failures,
        Optional<Divergence> firstDifference, Optional<Divergence> firstFailure, Optional<Divergence> maxAbsolute,
        Optional<Divergence> maxRelative, Optional<Divergence> worst, List<NormwiseError> normwise,
        Optional<Divergence> maxUlp) {

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
     * @param worst the largest error ratio
     * @param normwise the normwise errors
     * @param maxUlp the largest ulp distance
     */
    public CheckReport {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(firstDifference, "firstDifference");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(maxAbsolute, "maxAbsolute");
        Objects.requireNonNull(maxRelative, "maxRelative");
        Objects.requireNonNull(worst, "worst");
        normwise = List.copyOf(normwise);
        Objects.requireNonNull(maxUlp, "maxUlp");
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
     * The largest elementwise relative error {@code |a - b| / max(|a|, |b|)}.
     *
     * @return the error, 0 if nothing differs
     */
    public double maxRelativeError() {
        return maxRelative.map(Divergence::relativeError).orElse(0.0);
    }

    /**
     * The largest error ratio {@code |theirs - ours| / (atol + rtol |ours|)}: the check passes exactly when it
     * is at most 1.
     *
     * @return the ratio, 0 if nothing differs
     */
    public double maxErrorRatio() {
        return worst.map(d -> d.errorRatio(tolerance)).orElse(0.0);
    }

    /**
     * The largest normwise relative error over all quantities.
     *
     * @return the error, 0 if nothing differs
     */
    public double maxNormwiseError() {
        return normwise.stream().mapToDouble(NormwiseError::error).max().orElse(0.0);
    }

    /**
     * The largest ulp distance among the values where {@code rtol |ours| >= atol}.
     *
     * @return the distance, 0 if none of those differs
     */
    public long maxUlpDistance() {
        return maxUlp.map(Divergence::ulpDistance).orElse(0L);
    }

    /**
     * The step of the first failure.
     *
     * @return the step, or {@link Integer#MAX_VALUE} when the check passes (so that later is better when sorting)
     */
    public int firstFailureStep() {
        return firstFailure.map(Divergence::step).orElse(Integer.MAX_VALUE);
    }
}
