package io.github.dlref.train;

import io.github.dlref.nn.init.Initializer;
import io.github.dlref.nn.init.KaimingUniform;
import io.github.dlref.nn.init.XavierUniform;
import io.github.dlref.nn.init.Zeros;

/**
 * How the linear layers of an app model are initialized. Every scheme draws each layer's weight and then its
 * bias from the one initialization generator, layer by layer (the {@code Linear} constructor's draw order).
 */
public enum InitScheme {
    /**
     * PyTorch's {@code nn.Linear} default: weight and bias from {@code U(-1/sqrt(in), 1/sqrt(in))}.
     */
    PYTORCH,
    /**
     * Glorot/Xavier uniform weights ({@code U(-b, b)}, {@code b = sqrt(6 / (in + out))}; dl-basics' Xavier
     * initialization) and zero biases, Keras' {@code Dense} default.
     */
    XAVIER,
    /**
     * He/Kaiming uniform weights for ReLU ({@code U(-b, b)}, {@code b = sqrt(6 / in)}) and zero biases.
     */
    KAIMING;

    /**
     * The weight initializer, or {@code null} for the layer's own default ({@link #PYTORCH}).
     *
     * @return the initializer or {@code null}
     */
    Initializer weight() {
        return switch (this) {
            case PYTORCH -> null;
            case XAVIER -> new XavierUniform();
            case KAIMING -> KaimingUniform.relu();
        };
    }

    /**
     * The bias initializer, or {@code null} for the layer's own default ({@link #PYTORCH}).
     *
     * @return the initializer or {@code null}
     */
    Initializer bias() {
        return this == PYTORCH ? null : new Zeros();
    }
}
