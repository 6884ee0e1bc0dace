package io.github.dlref.train;

import io.github.dlref.math.Rng;
import io.github.dlref.nn.Module;
import java.util.List;
import java.util.Objects;

/**
 * A built model and the generators its dropout layers draw from (they are part of a run's state: a checkpoint
 * saves them so that a resumed run draws the same masks).
 *
 * @param model the model
 * @param dropoutRngs the dropout layers' generators, in layer order (empty without dropout)
 */
public record Network(Module model, List<Rng> dropoutRngs) {

    /**
     * Validates and copies the list.
     *
     * @param model the model
     * @param dropoutRngs the generators
     */
    public Network {
        Objects.requireNonNull(model, "Network: model must not be null");
        dropoutRngs = List.copyOf(dropoutRngs);
    }
}
