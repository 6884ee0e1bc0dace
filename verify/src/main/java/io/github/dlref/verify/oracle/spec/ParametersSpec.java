package io.github.dlref.verify.oracle.spec;

import io.github.dlref.math.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the model's parameters start: drawn by the layers' initializers from one generator
 * {@code new Rng(seed)} (layer by layer, each linear layer drawing its weight and then its bias, row-major),
 * and then replaced by the explicit {@link #values()} that are given. The draws are made for every linear
 * layer even when its values are given, so giving one parameter explicitly does not change the others.
 *
 * <p>Also (compatible additions to {@code dlref.spec.v1}): the starting values of buffers (BatchNorm's running
 * statistics, otherwise zeros and ones), and the layout in which the linear layers' weights are written in the
 * spec file and in the trajectories {@code run} writes and {@code check} reads. In memory the values are always
 * in dlref's layout, {@code outputs x inputs} (PyTorch's {@code nn.Linear.weight}); the parser and writer
 * transpose at the file boundary.
 *
 * @param seed the initialization seed; required when some parameter is drawn at random and not given
 * @param values explicit starting values by qualified name (such as {@code "0.weight"}), in dlref's layout, copied
 * @param buffers explicit starting values of buffers by qualified name (such as {@code "1.running_var"}), copied
 * @param weightLayout {@link #OUTPUTS_X_INPUTS} (PyTorch) or {@link #INPUTS_X_OUTPUTS} (CS231n, Keras): how the
 *     linear layers' weights are written in the files that go with this spec
 */
public record ParametersSpec(OptionalLong seed, Map<String, Matrix> values, Map<String, Matrix> buffers,
        String weightLayout) {

    /** A linear weight written {@code outputs x inputs}, as PyTorch's {@code nn.Linear.weight} (the default). */
    public static final String OUTPUTS_X_INPUTS = "outputs_x_inputs";

    /** A linear weight written {@code inputs x outputs}, as CS231n's {@code W1} and Keras's {@code Dense} kernel. */
    public static final String INPUTS_X_OUTPUTS = "inputs_x_outputs";

    /** The layouts, in the documented order. */
    public static final List<String> LAYOUTS = List.of(OUTPUTS_X_INPUTS, INPUTS_X_OUTPUTS);

    /**
     * Validates and copies.
     *
     * @param seed the seed
     * @param values the explicit values
     * @param buffers the explicit buffer values
     * @param weightLayout the weight layout
     * @throws SpecException (path {@code $.parameters.weight_layout}) for an unknown layout
     */
    public ParametersSpec {
        Objects.requireNonNull(seed, "ParametersSpec: seed");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(buffers, "buffers")));
        if (!LAYOUTS.contains(Objects.requireNonNull(weightLayout, "weightLayout"))) {
            throw new SpecException("$.parameters.weight_layout", "expected one of " + Format.quoted(LAYOUTS)
                    + ", got \"" + weightLayout + "\"");
        }
    }

    /**
     * Parameters without buffer values, in dlref's layout.
     *
     * @param seed the seed
     * @param values the explicit values
     */
    public ParametersSpec(OptionalLong seed, Map<String, Matrix> values) {
        this(seed, values, Map.of(), OUTPUTS_X_INPUTS);
    }

    /**
     * Whether the linear weights are written {@code inputs x outputs} (transposed against dlref's layout).
     *
     * @return {@code weightLayout().equals(INPUTS_X_OUTPUTS)}
     */
    public boolean transposed() {
        return INPUTS_X_OUTPUTS.equals(weightLayout);
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
