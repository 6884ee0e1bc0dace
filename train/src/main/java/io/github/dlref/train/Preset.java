package io.github.dlref.train;

/**
 * The presets the app offers: the frameworks among {@link io.github.dlref.optim.Preset} (the documents'
 * presets are the oracle's). What differs between them (momentum form, where epsilon goes, initial
 * accumulators) is in {@code docs/conventions.md}; every default is in {@code io.github.dlref.optim.Presets}.
 */
public enum Preset {
    /** PyTorch's {@code torch.optim} defaults and formulas ({@link io.github.dlref.optim.Preset#PYTORCH}). */
    PYTORCH(io.github.dlref.optim.Preset.PYTORCH),
    /** Keras 3's {@code keras.optimizers} defaults and formulas ({@link io.github.dlref.optim.Preset#KERAS}). */
    KERAS(io.github.dlref.optim.Preset.KERAS),
    /**
     * Optax's defaults and formulas ({@link io.github.dlref.optim.Preset#OPTAX}; Optax has no default learning
     * rates, dlref's fallbacks are used).
     */
    OPTAX(io.github.dlref.optim.Preset.OPTAX);

    private final io.github.dlref.optim.Preset optim;

    Preset(io.github.dlref.optim.Preset optim) {
        this.optim = optim;
    }

    /**
     * The optim preset this is.
     *
     * @return the preset
     */
    public io.github.dlref.optim.Preset optim() {
        return optim;
    }
}
