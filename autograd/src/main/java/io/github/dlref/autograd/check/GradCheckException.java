package io.github.dlref.autograd.check;

/**
 * Thrown by {@link GradCheckReport#orThrow()} when an analytic gradient disagrees with its numeric estimate;
 * the message is the full report (every input, its worst element, analytic and numeric values and errors).
 */
public final class GradCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GradCheckReport report;

    /**
     * Creates the exception.
     *
     * @param report the failed report
     */
    public GradCheckException(GradCheckReport report) {
        super(report.toString());
        this.report = report;
    }

    /**
     * The failed report.
     *
     * @return the report
     */
    public GradCheckReport report() {
        return report;
    }
}
