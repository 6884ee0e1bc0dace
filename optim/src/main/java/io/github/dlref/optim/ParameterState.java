package io.github.dlref.optim;

import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of what an optimizer keeps for one parameter: how many updates it has applied to
 * it and its named buffers, each a matrix of the parameter's shape.
 *
 * <p>Buffer names follow the framework that defines the quantity: PyTorch's state keys where PyTorch has
 * the quantity ({@code momentum_buffer}, {@code sum}, {@code square_avg}, {@code grad_avg},
 * {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}), otherwise {@code velocity} (heavy-ball
 * momentum, learning-rate units), {@code ema} (the EMA momentum of bp-optimizers) and {@code nu_max}
 * (Optax's AMSGrad maximum of the bias-corrected second moment). Each optimizer's Javadoc lists its
 * buffers. Unlike PyTorch, whose state is empty until the first step, a fresh optimizer reports step 0 and
 * the buffers' initial values.
 *
 * @param parameterName the parameter's name
 * @param step how many updates were applied to this parameter ({@code >= 0}); a parameter without a
 *     gradient at some {@link Optimizer#step()} is skipped and does not count it (PyTorch's per-parameter
 *     {@code step})
 * @param buffers the buffers by name, in a fixed order (copied into an unmodifiable map)
 */
public record ParameterState(String parameterName, long step, Map<String, Matrix> buffers) {

    /**
     * Validates and copies.
     *
     * @param parameterName the parameter's name
     * @param step the number of applied updates, {@code >= 0}
     * @param buffers the buffers, none null
     * @throws IllegalArgumentException on a null name or buffer, or a negative step
     */
    public ParameterState {
        Check.notNull("ParameterState", "parameterName", parameterName);
        if (step < 0) {
            throw new IllegalArgumentException("ParameterState '" + parameterName + "': step must be >= 0, got "
                    + step);
        }
        Check.notNull("ParameterState", "buffers", buffers);
        Map<String, Matrix> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Matrix> e : buffers.entrySet()) {
            copy.put(Check.notNull("ParameterState", "buffer name", e.getKey()),
                    Check.notNull("ParameterState '" + parameterName + "'", "buffer " + e.getKey(), e.getValue()));
        }
        buffers = Collections.unmodifiableMap(copy);
    }

    /**
     * One buffer by name.
     *
     * @param name the buffer's name, for example {@code "exp_avg"}
     * @return the buffer
     * @throws IllegalArgumentException naming the buffers that exist if there is no such buffer
     */
    public Matrix buffer(String name) {
        Matrix m = buffers.get(Objects.requireNonNull(name, "name"));
        if (m == null) {
            throw new IllegalArgumentException("ParameterState '" + parameterName + "': no buffer '" + name
                    + "'; buffers are " + buffers.keySet());
        }
        return m;
    }
}
