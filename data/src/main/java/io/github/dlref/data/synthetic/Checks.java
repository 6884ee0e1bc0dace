package io.github.dlref.data.synthetic;

/** Argument checks shared by the generators (package-private). */
final class Checks {

    private Checks() {
    }

    static void positive(String op, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 1, got " + value);
        }
    }

    static void nonNegativeFinite(String op, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(op + ": " + name + " must be finite and >= 0, got " + value);
        }
    }

    /** Rejects a product of sizes that does not fit in one matrix. */
    static int product(String op, long a, long b) {
        long p = a * b;
        if (p > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException(op + ": " + a + " x " + b + " entries do not fit in one matrix");
        }
        return (int) p;
    }
}
