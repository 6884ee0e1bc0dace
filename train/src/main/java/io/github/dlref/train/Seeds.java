package io.github.dlref.train;

import io.github.dlref.math.Rng;

/**
 * The seeds of one run's generators, so that no two random processes share a generator.
 *
 * <p>{@link #of(long)} derives them from one {@code --seed}: {@code r = new Rng(seed)} ({@code java.util.Random}'s
 * algorithm), then {@link #init()}, {@link #loader()}, {@link #dropout()} and {@link #data()} are
 * {@code r.nextLong()} in that order. The seed of the train/validation/test split is derived from the loader's
 * seed ({@link #split()}), so that a spec file, which records the loader's seed ({@code training.seed}), the
 * initialization seed ({@code parameters.seed}), each dropout layer's seed and a generated dataset's seed,
 * determines the split too.
 *
 * @param init the seed of the weight-initialization generator (linear layers draw from it in layer order)
 * @param loader the seed of the data loader's shuffling generator
 * @param dropout the base seed of the dropout layers: layer {@code k} (from 0) draws from
 *     {@code new Rng(dropout + k)}
 * @param data the seed of generated data (the spiral)
 */
public record Seeds(long init, long loader, long dropout, long data) {

    /**
     * Derives the seeds of a run from one seed (see the class documentation).
     *
     * @param seed the run's seed
     * @return the seeds
     */
    public static Seeds of(long seed) {
        Rng r = new Rng(seed);
        long init = r.nextLong();
        long loader = r.nextLong();
        long dropout = r.nextLong();
        long data = r.nextLong();
        return new Seeds(init, loader, dropout, data);
    }

    /**
     * The seed of the train/validation/test split: {@code new Rng(loader).nextLong()}.
     *
     * @return the split seed
     */
    public long split() {
        return new Rng(loader).nextLong();
    }
}
