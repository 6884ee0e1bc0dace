package io.github.dlref.autograd.scalar;

/**
 * The thread-local switches of the scalar engine: graph recording, and anomaly detection.
 *
 * <p>Recording can be turned off, like PyTorch's {@code torch.no_grad()}: inside a {@link #noGrad()} scope every {@link Value} an op produces is a
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
 * <p>Anomaly detection ({@link #detectAnomaly()}, PyTorch's {@code torch.autograd.detect_anomaly}) makes
 * the first non-finite forward result or backward gradient fail with an {@link ArithmeticException} naming
 * the op, instead of returning the IEEE NaN or infinity (the domain-error policy of both engines, see
 * {@link Value}):
 * <pre>{@code
 * try (ScalarGradMode.Scope scope = ScalarGradMode.detectAnomaly()) {
 *     Value.variable(-1.0, "p").log();   // ArithmeticException: anomaly: log forward produced NaN ...
 * }
 * }</pre>
 *
 * <p>These switches govern only the scalar engine in this package; the matrix engine has its own
 * ({@code GradMode}), with the same meaning.
 */
public final class ScalarGradMode {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);
    private static final ThreadLocal<Boolean> ANOMALY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ScalarGradMode() {
    }

    /**
     * A scope that restores the recording mode in force when it was opened; closing it a second time has
     * no further effect.
     */
    public static final class Scope implements AutoCloseable {
        private final ThreadLocal<Boolean> flag;
        private final boolean previous;
        private boolean closed;

        private Scope(ThreadLocal<Boolean> flag, boolean value) {
            this.flag = flag;
            this.previous = flag.get();
            flag.set(value);
        }

        /** Restores the mode in force when the scope was opened. */
        @Override
        public void close() {
            if (!closed) {
                flag.set(previous);
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
        return new Scope(ENABLED, false);
    }

    /**
     * Opens a scope in which the graph is recorded again (inside an outer {@link #noGrad()} scope).
     *
     * @return the scope; close it (try-with-resources) to restore the previous mode
     */
    public static Scope enableGrad() {
        return new Scope(ENABLED, true);
    }

    /**
     * Whether anomaly detection is on for the scalar engine on this thread.
     *
     * @return {@code true} inside a {@link #detectAnomaly()} scope
     */
    public static boolean isAnomalyDetectionEnabled() {
        return ANOMALY.get();
    }

    /**
     * Opens a scope in which the first op of the scalar engine whose forward result is NaN or infinite, and
     * the first backward step that makes a gradient NaN or infinite, throws an {@link ArithmeticException}
     * naming the op and its operands.
     *
     * @return the scope; close it (try-with-resources) to restore the previous mode
     */
    public static Scope detectAnomaly() {
        return new Scope(ANOMALY, true);
    }
}
