package io.github.dlref.autograd.check;

import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link GradCheck}: the settings used, how the check was made, and one
 * {@link InputReport} per input that requires a gradient.
 *
 * @param settings the settings used
 * @param method how the Jacobian was compared
 * @param inputs one report per checked input, in argument order
 */
public record GradCheckReport(GradCheckSettings settings, Method method, List<InputReport> inputs) {

    /** How the analytic and numeric Jacobians were compared. */
    public enum Method {
        /** Every entry of the Jacobian. */
        FULL,
        /** One random projection {@code u^T J v} per input, all of which passed. */
        FAST,
        /** A projection failed, so every entry was compared; the reports are those of the full check. */
        FULL_AFTER_FAST_FAILURE
    }

    /**
     * Validates and copies.
     *
     * @param settings the settings used
     * @param method how the Jacobian was compared
     * @param inputs the per-input reports
     */
    public GradCheckReport {
        Objects.requireNonNull(settings, "GradCheckReport: settings");
        Objects.requireNonNull(method, "GradCheckReport: method");
        inputs = List.copyOf(inputs);
    }

    /**
     * Whether every checked input passed.
     *
     * @return whether the check passed
     */
    public boolean passed() {
        return inputs.stream().allMatch(InputReport::passed);
    }

    /**
     * The report of the input with the given name.
     *
     * @param name the input's name
     * @return its report
     * @throws IllegalArgumentException if no checked input has that name
     */
    public InputReport input(String name) {
        return inputs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("GradCheckReport: no checked input named '" + name
                        + "'; checked inputs: " + inputs.stream().map(InputReport::name).toList()));
    }

    /**
     * Returns this report if the check passed, otherwise throws it.
     *
     * @return this report
     * @throws GradCheckException carrying this report, if any input failed
     */
    public GradCheckReport orThrow() {
        if (!passed()) {
            throw new GradCheckException(this);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GradCheck ").append(passed() ? "passed" : "FAILED").append(" (")
                .append(method).append("; ").append(settings).append(')');
        if (inputs.isEmpty()) {
            sb.append("\n  no input requires a gradient; nothing was compared");
        }
        for (InputReport r : inputs) {
            sb.append("\n  ").append(r);
        }
        return sb.toString();
    }
}
