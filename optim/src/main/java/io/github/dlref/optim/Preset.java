package io.github.dlref.optim;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whose defaults and arithmetic an optimizer follows: a framework or one of the source documents (short ids
 * from {@code ../shared/sources/README.md}). {@link Presets} yields each optimizer family's hyper-parameters
 * under a preset; what differs between presets (momentum form, where epsilon goes, initial accumulators,
 * AMSGrad, weight decay) is listed in {@code docs/conventions.md} and {@code docs/optimizers.md}.
 */
public enum Preset {
    /** PyTorch's {@code torch.optim} defaults and formulas (torch 1.13). */
    PYTORCH,
    /** Keras 3's {@code keras.optimizers} defaults and formulas. */
    KERAS,
    /** Optax's defaults and formulas (Optax has no default learning rates). */
    OPTAX,
    /** The document bp-optimizers: EMA momentum (beta 0.9), RMSprop and Adam (0.9, 0.999, 1e-8). */
    BP_OPTIMIZERS,
    /** The document param-optimization: SGD with EMA momentum (beta1 0.9) and AdaGrad. */
    PARAM_OPTIMIZATION,
    /** The document dl-basics: heavy-ball momentum, AdaGrad and RMSProp, none with a default coefficient. */
    DL_BASICS;

    /**
     * The preset's identifier: its name in lower case, as the oracle's spec format writes it
     * ({@code pytorch}, {@code bp_optimizers}, ...).
     *
     * @return the identifier
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this preset is a framework (PyTorch, Keras, Optax) rather than a source document.
     *
     * @return {@code true} for {@link #PYTORCH}, {@link #KERAS} and {@link #OPTAX}
     */
    public boolean isFramework() {
        return this == PYTORCH || this == KERAS || this == OPTAX;
    }

    /**
     * The preset with an identifier.
     *
     * @param id an {@link #id()}, for example {@code "bp_optimizers"}
     * @return the preset
     * @throws IllegalArgumentException naming the identifiers if there is no such preset
     */
    public static Preset fromId(String id) {
        for (Preset p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Preset: expected one of "
                + Arrays.stream(values()).map(Preset::id).toList() + ", got " + id);
    }
}
