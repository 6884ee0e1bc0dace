package io.github.dlref.autograd.scalar;

/**
 * The thread-local switch of the scalar engine that turns graph recording off, like PyTorch's
 * {@code torch.no_grad()}: inside a {@link #noGrad()} scope every {@link Value} an op produces is a
 * constant (it keeps no inputs, does not require a gradient and cannot be the start of
 * {@link Value#backward()}). This is the no-gradient evaluation path: the same expression code evaluates a
 * function without building a graph, for example inside a numeric gradient check.
 *
 * <pre>{@code
 * try (ScalarGradMode.Scope scope = ScalarGradMode.noGrad()) {
 *     Value loss = network.loss(parameters);   // no graph is recorded
 * }
 * }</pre>
 *
 * <p>This switch governs only the scalar engine in this package; the matrix engine has its own.
 */
public final class ScalarGradMode {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private ScalarGradMode() {
    }

    /**
     * A scope that restores the recording mode in force when it was opened; closing it a second time has
     * no further effect.
     */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private Scope(boolean value) {
            this.previous = ENABLED.get();
            ENABLED.set(value);
        }

        /** Restores the mode in force when the scope was opened. */
        @Override
        public void close() {
            if (!closed) {
                ENABLED.set(previous);
                closed = true;
            }
        }
    }

    /**
     * Whether ops of the scalar engine currently record the graph on this thread.
     *
     * @return {@code true} unless inside a {@link #noGrad()} scope (and not inside a nested
     *     {@link #enableGrad()} scope)
     */
    public static boolean isGradEnabled() {
        return ENABLED.get();
    }

    /**
     * Opens a scope in which no graph is recorded on this thread.
     *
     * @return the scope; close it (try-with-resources) to restore the previous mode
     */
    public static Scope noGrad() {
        return new Scope(false);
    }

    /**
     * Opens a scope in which the graph is recorded again (inside an outer {@link #noGrad()} scope).
     *
     * @return the scope; close it (try-with-resources) to restore the previous mode
     */
    public static Scope enableGrad() {
        return new Scope(true);
    }
}
