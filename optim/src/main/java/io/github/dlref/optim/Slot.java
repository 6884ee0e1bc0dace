package io.github.dlref.optim;

/**
 * The name of one per-parameter buffer of an optimizer, declared once as a constant by the optimizer that
 * keeps it, passed to the {@link BaseOptimizer} constructor, and used both to read the buffer inside
 * {@link BaseOptimizer#update} ({@link Buffers#get(Slot)}) and as its key in {@link ParameterState#buffers()}.
 * Two slots with the same name are the same slot.
 *
 * <pre>{@code
 * private static final Slot EXP_AVG = new Slot("exp_avg");   // PyTorch's state key for a first moment
 * }</pre>
 *
 * <p>Prefer the name PyTorch's state uses for the same quantity (see {@link ParameterState}), so that snapshots
 * read the same across optimizers.
 *
 * @param name the buffer's public name, for example {@code "exp_avg"}
 */
public record Slot(String name) {

    /**
     * Validates the name.
     *
     * @param name the buffer's name, not null or empty
     * @throws IllegalArgumentException if the name is null or empty
     */
    public Slot {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Slot: name must be a non-empty string, got " + name);
        }
    }
}
