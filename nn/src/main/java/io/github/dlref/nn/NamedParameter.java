package io.github.dlref.nn;

import io.github.dlref.autograd.Parameter;
import java.util.Objects;

/**
 * A parameter together with its qualified name in a model (the module path joined by dots, as in
 * PyTorch's {@code named_parameters()}: {@code "0.weight"}, {@code "encoder.fc1.bias"}) and its role.
 *
 * @param name the qualified name, unique within the model
 * @param parameter the parameter
 * @param role what the parameter is for
 */
public record NamedParameter(String name, Parameter parameter, ParameterRole role) {

    /**
     * Validates the components.
     *
     * @param name the qualified name
     * @param parameter the parameter
     * @param role the role
     * @throws NullPointerException if a component is null
     */
    public NamedParameter {
        Objects.requireNonNull(name, "NamedParameter: name must not be null");
        Objects.requireNonNull(parameter, "NamedParameter: parameter must not be null");
        Objects.requireNonNull(role, "NamedParameter: role must not be null");
    }
}
