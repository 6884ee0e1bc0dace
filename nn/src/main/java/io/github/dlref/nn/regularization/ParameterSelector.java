package io.github.dlref.nn.regularization;

import io.github.dlref.nn.NamedParameter;
import io.github.dlref.nn.ParameterRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses which parameters of a model a penalty applies to.
 */
@FunctionalInterface
public interface ParameterSelector {

    /**
     * Whether a parameter is selected.
     *
     * @param parameter the parameter, with its qualified name and role
     * @return {@code true} to penalize it
     */
    boolean test(NamedParameter parameter);

    /**
     * Connection weights only ({@link ParameterRole#WEIGHT}): not biases, not normalization scales or shifts.
     * The default, as dl-basics penalizes {@code W^(1)} and {@code W^(2)}.
     *
     * @return the selector
     */
    static ParameterSelector weights() {
        return p -> p.role() == ParameterRole.WEIGHT;
    }

    /**
     * Every parameter.
     *
     * @return the selector
     */
    static ParameterSelector all() {
        return p -> true;
    }

    /**
     * Parameters with one of the given roles.
     *
     * @param first a role
     * @param more more roles
     * @return the selector
     */
    static ParameterSelector roles(ParameterRole first, ParameterRole... more) {
        Set<ParameterRole> set = EnumSet.of(first, more);
        return p -> set.contains(p.role());
    }

    /**
     * Parameters with the given qualified names. A name the model does not have is an error when the
     * penalty is computed ({@link Penalty#compute(io.github.dlref.nn.Module)}), not silently ignored.
     *
     * @param names qualified names, for example {@code "0.weight"}
     * @return the selector
     */
    static ParameterSelector named(String... names) {
        List<String> list = List.of(names);
        return new NamedSelector(list);
    }

    /**
     * A selector by names, which penalties check against the model.
     *
     * @param names the qualified names
     */
    record NamedSelector(List<String> names) implements ParameterSelector {

        /**
         * Copies the names.
         *
         * @param names the qualified names
         */
        public NamedSelector {
            names = List.copyOf(Objects.requireNonNull(names, "names"));
        }

        @Override
        public boolean test(NamedParameter parameter) {
            return names.contains(parameter.name());
        }
    }
}
