package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the model's parameters start: drawn by the layers' initializers from one generator
 * {@code new Rng(seed)} (layer by layer, each linear layer drawing its weight and then its bias, row-major),
 * and then replaced by the explicit {@link #values()} that are given. The draws are made for every linear
 * layer even when its values are given, so giving one parameter explicitly does not change the others.
 *
 * @param seed the initialization seed; required when some parameter is drawn at random and not given
 * @param values explicit starting values by qualified name (such as {@code "0.weight"}), copied
 */
public record ParametersSpec(OptionalLong seed, Map<String, Matrix> values) {

    /**
     * Copies the values.
     *
     * @param seed the seed
     * @param values the explicit values
     */
    public ParametersSpec {
        Objects.requireNonNull(seed, "ParametersSpec: seed");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * Parameters drawn from a seed only.
     *
     * @param seed the seed
     * @return the parameters spec
     */
    public static ParametersSpec seeded(long seed) {
        return new ParametersSpec(OptionalLong.of(seed), Map.of());
    }

    /**
     * Parameters given explicitly only.
     *
     * @param values every parameter's starting value
     * @return the parameters spec
     */
    public static ParametersSpec explicit(Map<String, Matrix> values) {
        return new ParametersSpec(OptionalLong.empty(), values);
    }
}
