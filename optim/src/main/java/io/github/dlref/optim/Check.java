package io.github.dlref.optim;

/**
 * Validation of hyper-parameters, with messages that name the owner, the parameter, the value and the
 * valid range, for example {@code "Adam: beta2 must be in [0, 1), got 1.0"}.
 */
final class Check {

    private Check() {
    }

    /** Requires {@code value} finite and {@code >= 0}. */
    static double nonNegative(String owner, String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, inf), got " + value);
        }
        return value;
    }

    /** Requires {@code value} in {@code [0, 1)}. */
    static double unitInterval(String owner, String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** Requires {@code value} in {@code [0, 1]}. */
    static double closedUnitInterval(String owner, String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** Requires a non-null value. */
    static <T> T notNull(String owner, String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(owner + ": " + name + " must not be null");
        }
        return value;
    }
}
