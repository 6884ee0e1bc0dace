package io.github.dlref.optim.schedule;

/** Argument and parameter checks shared by the schedules. */
final class Steps {

    private Steps() {
    }

    static long check(String schedule, long step) {
        if (step < 0) {
            throw new IllegalArgumentException(schedule + ": step must be >= 0, got " + step);
        }
        return step;
    }

    static double nonNegative(String schedule, String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(schedule + ": " + name + " must be in [0, inf), got " + value);
        }
        return value;
    }

    static double positive(String schedule, String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(schedule + ": " + name + " must be in (0, inf), got " + value);
        }
        return value;
    }

    static long positive(String schedule, String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(schedule + ": " + name + " must be >= 1, got " + value);
        }
        return value;
    }
}
