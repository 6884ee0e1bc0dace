package io.github.dlref.autograd.check;

import java.util.Objects;

/**
 * The result of {@link GradCheck} for one input that requires a gradient.
 *
 * @param index the input's position in the argument list
 * @param name the input's name ({@code "input <index>"} when it has none)
 * @param shape the input's shape, {@code rows x cols}
 * @param comparisons how many analytic-versus-numeric comparisons were made
 * @param maxAbsoluteError the largest {@code |a - n|} over all comparisons (0 when there were none)
 * @param maxRelativeError the largest CS231n relative error {@code |a - n| / max(|a|, |n|)}
 * @param worst the comparison closest to failing (largest {@link Comparison#toleranceRatio}), or
 *     {@code null} when there were no comparisons (an empty input or output)
 * @param passed whether every comparison passed
 */
public record InputReport(int index, String name, String shape, int comparisons, double maxAbsoluteError,
        double maxRelativeError, Comparison worst, boolean passed) {

    /**
     * Validates.
     *
     * @param index the input's position
     * @param name the name
     * @param shape the shape
     * @param comparisons the count of comparisons
     * @param maxAbsoluteError the largest absolute error
     * @param maxRelativeError the largest relative error
     * @param worst the worst comparison, or {@code null}
     * @param passed whether all passed
     */
    public InputReport {
        Objects.requireNonNull(name, "InputReport: name");
        Objects.requireNonNull(shape, "InputReport: shape");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed ? "ok   " : "FAIL ").append("input ").append(index).append(" '").append(name).append("' (")
                .append(shape).append("): ").append(comparisons).append(" comparisons, max abs error ")
                .append(maxAbsoluteError).append(", max rel error ").append(maxRelativeError);
        if (worst != null) {
            sb.append("; worst ").append(worst.position()).append(": analytic ").append(worst.analytic())
                    .append(", numeric ").append(worst.numeric()).append(" (abs error ").append(worst.absoluteError())
                    .append(", rel error ").append(worst.relativeError()).append(')');
        }
        return sb.toString();
    }
}
