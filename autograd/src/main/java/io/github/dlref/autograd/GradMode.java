package io.github.dlref.autograd;

/**
 * Thread-local switches of the matrix engine: gradient recording (like PyTorch's {@code torch.no_grad})
 * and anomaly detection (like {@code torch.autograd.detect_anomaly}).
 *
 * <p>Both are scopes: {@link #noGrad()} and {@link #detectAnomaly()} return an {@link AutoCloseable} that
 * restores the previous setting, for use with try-with-resources:
 * <pre>{@code
 * try (var scope = GradMode.noGrad()) {
 *     Tensor y = model.forward(x);   // no graph is recorded; y.requiresGrad() is false
 * }
 * }</pre>
 */
public final class GradMode {

    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[] {true, false});

    private GradMode() {
    }

    /** A scope that restores the previous mode when closed; closing it twice has no further effect. */
    public static final class Scope implements AutoCloseable {
        private final int slot;
        private final boolean previous;
        private boolean closed;

        private Scope(int slot, boolean value) {
            this.slot = slot;
            this.previous = STATE.get()[slot];
            STATE.get()[slot] = value;
        }

        /** Restores the mode in force when the scope was opened. */
        @Override
        public void close() {
            if (!closed) {
                STATE.get()[slot] = previous;
                closed = true;
            }
        }
    }

    /**
     * Whether ops currently record the graph for backward.
     *
     * @return {@code true} unless inside a {@link #noGrad()} scope
     */
    public static boolean isGradEnabled() {
        return STATE.get()[0];
    }

    /**
     * Opens a scope in which no graph is recorded: results of ops do not require gradients.
     *
     * @return the scope; close it to restore the previous mode
     */
    public static Scope noGrad() {
        return new Scope(0, false);
    }

    /**
     * Opens a scope with gradient recording explicitly on (inside an outer {@link #noGrad()}).
     *
     * @return the scope; close it to restore the previous mode
     */
    public static Scope enableGrad() {
        return new Scope(0, true);
    }

    /**
     * Whether anomaly detection is on: the first forward output or backward gradient that contains NaN or
     * an infinity fails with an {@link AnomalyException} naming the op and the shapes.
     *
     * @return whether anomaly detection is on
     */
    public static boolean isAnomalyDetectionEnabled() {
        return STATE.get()[1];
    }

    /**
     * Opens a scope with anomaly detection on.
     *
     * @return the scope; close it to restore the previous mode
     */
    public static Scope detectAnomaly() {
        return new Scope(1, true);
    }
}
