package io.github.dlref.autograd;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * A named leaf tensor that requires a gradient: a trainable parameter, shared by {@code nn} (layers own
 * parameters) and {@code optim} (optimizers update them) without either module knowing the other.
 *
 * <p>Its value is the one tensor value that changes in place, through {@link #assign(Matrix)} (used by
 * optimizers and by model loading); its gradient accumulates through backward passes until
 * {@link #zeroGrad()}.
 */
public final class Parameter extends Tensor {

    /**
     * Creates a parameter.
     *
     * @param name the parameter's name (for example {@code "fc1.weight"}), not blank
     * @param value the initial value
     * @throws IllegalArgumentException if the name is blank
     */
    public Parameter(String name, Matrix value) {
        super(value, true, requireName(name));
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "Parameter: name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Parameter: name must not be blank");
        }
        return name;
    }

    /**
     * Replaces the value in place (an optimizer step, or loading saved weights).
     *
     * @param newValue the new value, of the same shape
     * @throws IllegalArgumentException if the shape differs, naming the parameter and both shapes
     */
    public void assign(Matrix newValue) {
        Objects.requireNonNull(newValue, () -> "Parameter '" + name() + "': new value must not be null");
        assignValue(newValue);
    }
}
