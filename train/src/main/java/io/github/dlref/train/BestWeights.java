package io.github.dlref.train;

import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weights of a run's best epoch so far, as {@link KeepBest} records them and a {@link Checkpoint} keeps them.
 *
 * @param epoch the epoch, counting from 1
 * @param value the monitored value at that epoch
 * @param weights the model's state after that epoch ({@code Module.stateDict()}: parameters and buffers)
 */
public record BestWeights(int epoch, double value, Map<String, Matrix> weights) {

    /**
     * Validates and copies.
     *
     * @param epoch the epoch
     * @param value the value
     * @param weights the state
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    public BestWeights {
        if (epoch < 1) {
            throw new IllegalArgumentException("BestWeights: epoch must be >= 1, got " + epoch);
        }
        Objects.requireNonNull(weights, "BestWeights: weights must not be null");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
