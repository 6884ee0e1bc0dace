package io.github.dlref.optim;

/**
 * The name of one per-parameter buffer of an optimizer, declared once as a constant by the optimizer that
 * keeps it and used both to read the buffer inside {@link BaseOptimizer#update} ({@link Buffers#get(Slot)})
 * and as its key in {@link ParameterState#buffers()}.
 *
 * @param name the buffer's public name, for example {@code "exp_avg"}
 */
record Slot(String name) {

    /**
     * Validates the name.
     *
     * @param name the buffer's name, not null or empty
     */
    Slot {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Slot: name must be a non-empty string, got " + name);
        }
    }
}
