package io.github.dlref.autograd.ops;

import io.github.dlref.math.Matrix;

/** Shape checks shared by the ops, so every op fails with the same kind of message naming itself. */
final class Shapes {

    private Shapes() {
    }

    static void requireSame(String op, Matrix a, Matrix b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape()
                    + " differ; an elementwise op needs equal shapes");
        }
    }

    static void requireFinite(String op, String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(op + ": " + what + " must be finite, got " + value);
        }
    }

    static void requireNonEmpty(String op, Matrix a) {
        if (a.size() == 0) {
            throw new IllegalArgumentException(op + ": input " + a.shape() + " is empty");
        }
    }

    static void requireColumns(String op, Matrix a) {
        if (a.cols() == 0) {
            throw new IllegalArgumentException(op + ": input " + a.shape() + " has no columns");
        }
    }
}
