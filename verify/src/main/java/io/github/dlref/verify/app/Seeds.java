package io.github.dlref.verify.app;

import io.github.dlref.math.Rng;

/**
 * The seeds of one run, derived from its one {@code --seed} so that no two random processes share a
 * generator: {@code r = new Rng(seed)} ({@code java.util.Random}'s algorithm), then {@link #init()},
 * {@link #split()}, {@link #loader()} and {@link #dropout()} are {@code r.nextLong()} in that order. Dropout
 * layer {@code k} (counting from 0) draws its masks from {@code new Rng(dropout + k)}.
 *
 * @param init the seed of the weight-initialization generator
 * @param split the seed of the train/validation/test split (and of generated data such as the spiral)
 * @param loader the seed of the data loader's shuffling generator
 * @param dropout the base seed of the dropout layers' generators
 */
public record Seeds(long init, long split, long loader, long dropout) {

    /**
     * Derives the seeds of a run.
     *
     * @param seed the run's seed
     * @return the four seeds, drawn in the documented order
     */
    public static Seeds of(long seed) {
        Rng r = new Rng(seed);
        long init = r.nextLong();
        long split = r.nextLong();
        long loader = r.nextLong();
        long dropout = r.nextLong();
        return new Seeds(init, split, loader, dropout);
    }
}
