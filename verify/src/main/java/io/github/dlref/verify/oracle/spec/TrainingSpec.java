package io.github.dlref.verify.oracle.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How the training loop runs: {@code steps} optimizer steps over mini-batches of the data loader
 * ({@code io.github.dlref.data.DataLoader}: batch {@code k} of an epoch holds the samples
 * {@code order[kB, (k+1)B)}; with {@code shuffle} the order is a new Fisher-Yates permutation from
 * {@code new Rng(seed)} each epoch, otherwise the identity), epoch after epoch until the steps are done.
 *
 * @param steps the number of optimizer steps, {@code >= 1}
 * @param batchSize the batch size {@code B >= 1}; empty means the full data set (full-batch gradient descent)
 * @param shuffle whether each epoch is shuffled
 * @param seed the shuffling seed; required with {@code shuffle}
 * @param dropLast whether a last batch smaller than {@code B} is skipped
 * @param clipping the {@code clipping} component applied to the gradients between {@code backward()} and the
 *     optimizer step (PyTorch's {@code clip_grad_norm_} and the other forms), if any
 */
public record TrainingSpec(int steps, OptionalInt batchSize, boolean shuffle, OptionalLong seed, boolean dropLast,
        Optional<Component> clipping) {

    /**
     * Validates.
     *
     * @param steps the steps
     * @param batchSize the batch size
     * @param shuffle whether to shuffle
     * @param seed the seed
     * @param dropLast whether to drop a short last batch
     * @param clipping the gradient clipping, or empty
     * @throws SpecException if {@code steps < 1}, {@code batchSize < 1}, shuffling has no seed, or the clipping is
     *     not a {@code clipping} component
     */
    public TrainingSpec {
        Objects.requireNonNull(clipping, "TrainingSpec: clipping");
        clipping.ifPresent(c -> {
            if (!Catalog.CLIPPING.equals(c.family())) {
                throw new SpecException("$.training.clipping", "expected a clipping, got a " + c.family());
            }
        });
        Objects.requireNonNull(batchSize, "TrainingSpec: batchSize");
        Objects.requireNonNull(seed, "TrainingSpec: seed");
        if (steps < 1) {
            throw new SpecException("$.training.steps", "expected an integer >= 1, got " + steps);
        }
        if (batchSize.isPresent() && batchSize.getAsInt() < 1) {
            throw new SpecException("$.training.batch_size", "expected an integer >= 1, got " + batchSize.getAsInt());
        }
        if (shuffle && seed.isEmpty()) {
            throw new SpecException("$.training", "missing required key \"seed\" (an integer): \"shuffle\" is true");
        }
    }

    /**
     * A training loop without gradient clipping.
     *
     * @param steps the steps
     * @param batchSize the batch size
     * @param shuffle whether to shuffle
     * @param seed the seed
     * @param dropLast whether to drop a short last batch
     * @throws SpecException as the canonical constructor
     */
    public TrainingSpec(int steps, OptionalInt batchSize, boolean shuffle, OptionalLong seed, boolean dropLast) {
        this(steps, batchSize, shuffle, seed, dropLast, Optional.empty());
    }

    /**
     * A copy with other gradient clipping.
     *
     * @param newClipping the {@code clipping} component, or empty for none
     * @return the training loop
     * @throws SpecException if the component is not a {@code clipping}
     */
    public TrainingSpec withClipping(Optional<Component> newClipping) {
        return new TrainingSpec(steps, batchSize, shuffle, seed, dropLast, newClipping);
    }

    /**
     * Full-batch training without shuffling.
     *
     * @param steps the number of steps
     * @return the training spec
     */
    public static TrainingSpec fullBatch(int steps) {
        return new TrainingSpec(steps, OptionalInt.empty(), false, OptionalLong.empty(), false);
    }
}
