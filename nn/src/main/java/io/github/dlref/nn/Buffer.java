package io.github.dlref.nn;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * A named piece of module state that is not trained by gradient descent but belongs to the model and is
 * saved with it, like PyTorch's {@code register_buffer}: for example {@code BatchNorm}'s running mean
 * and running variance.
 *
 * <p>The value is an immutable {@link Matrix}; the buffer itself is mutable through
 * {@link #update(Matrix)}, which keeps the shape fixed.
 */
public final class Buffer {

    private final String name;
    private Matrix value;

    /**
     * Creates a buffer.
     *
     * @param name the buffer's local name inside its module (for example {@code "running_mean"}), not blank
     * @param value the initial value
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException if an argument is null
     */
    public Buffer(String name, Matrix value) {
        Objects.requireNonNull(name, "Buffer: name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Buffer: name must not be blank");
        }
        this.name = name;
        this.value = Objects.requireNonNull(value, () -> "Buffer '" + name + "': value must not be null");
    }

    /**
     * The local name given at creation.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The current value.
     *
     * @return the value
     */
    public Matrix value() {
        return value;
    }

    /**
     * Replaces the value (a running-statistics update, or loading saved state).
     *
     * @param newValue the new value, of the same shape as the current one
     * @throws IllegalArgumentException if the shape differs, naming the buffer and both shapes
     */
    public void update(Matrix newValue) {
        Objects.requireNonNull(newValue, () -> "Buffer '" + name + "': new value must not be null");
        if (!newValue.sameShape(value)) {
            throw new IllegalArgumentException("Buffer '" + name + "': new value has shape " + newValue.shape()
                    + ", expected " + value.shape());
        }
        value = newValue;
    }

    @Override
    public String toString() {
        return "Buffer '" + name + "' " + value.shape();
    }
}
