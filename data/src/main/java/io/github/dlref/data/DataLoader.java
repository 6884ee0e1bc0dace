package io.github.dlref.data;

import io.github.dlref.math.Rng;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Splits a {@link Dataset} into mini-batches, epoch after epoch.
 *
 * <p>One epoch is one pass through the training set (bp-optimizers). At the start of each epoch
 * ({@link #nextEpoch()}) the loader fixes the epoch's sample order:
 * <ul>
 *   <li>with {@code shuffle}: a new Fisher-Yates permutation from the loader's one generator,
 *       {@code rng.permutation(N)}: start from the identity {@code [0, 1, ..., N-1]}, then for {@code i} from
 *       {@code N-1} down to 1 draw {@code j = rng.nextInt(i + 1)} and swap entries {@code i} and {@code j}.
 *       The generator is {@code new Rng(seed)}, created once when the loader is built; epoch {@code e}
 *       uses draws {@code e (N-1)} to {@code (e+1)(N-1) - 1} of it. Nothing else draws from it. Because
 *       {@link Rng} is {@code java.util.Random}'s published algorithm, any language can reproduce the
 *       order: epoch 0 for seed {@code s} is obtained from {@code new java.util.Random(s)} by the loop
 *       above.</li>
 *   <li>without {@code shuffle}: the identity order, and no draws.</li>
 * </ul>
 * Batch {@code k} of the epoch holds the samples {@code order[k B .. min((k+1) B, N))}, in that order, for
 * batch size {@code B}. There are {@code ceil(N / B)} batches, the last one smaller when {@code B} does not
 * divide {@code N}; with {@code dropLast} that smaller batch is dropped and there are {@code floor(N / B)}
 * (PyTorch {@code DataLoader}'s {@code drop_last}). A batch size larger than {@code N} is allowed: one batch
 * of {@code N} samples, or none with {@code dropLast}.
 *
 * <p>Full-batch gradient descent ({@link #fullBatch(Dataset)}, {@code B = N}) and stochastic gradient
 * descent with one sample per step ({@link #stochastic(Dataset, long)}, {@code B = 1}) are the two ends of
 * the same loader; mini-batch gradient descent lies between (bp-optimizers, dl-optimization,
 * param-optimization; dl-basics: {@code g_t = (1/|B|) sum_{i in B_t} grad f}).
 *
 * <p>The order does not reproduce PyTorch's {@code RandomSampler} (which uses {@code torch.randperm}); it is
 * this project's documented convention. Not thread-safe.
 *
 * <p>Example: 10 epochs of shuffled mini-batches of 16 samples from the training part of Iris (105 samples:
 * 7 batches per epoch, the last one of 9):
 * <pre>{@code
 * Dataset.Split parts = Iris.load().split(Dataset.Fractions.train(0.7).validation(0.15), 42L);
 * DataLoader loader = DataLoader.miniBatch(parts.train(), 16, 7L);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : loader.nextEpoch()) {
 *         Matrix x = batch.features();   // batch.size() x 4
 *         int[] y = batch.labels();      // batch.size() classes in [0, 3)
 *         // forward, loss, backward, optimizer step
 *     }
 * }
 * }</pre>
 */
public final class DataLoader {

    private final Dataset data;
    private final Options options;
    private final Rng rng;
    private int epochsDrawn;

    /**
     * Loader settings.
     *
     * @param batchSize the batch size {@code B}, {@code >= 1}
     * @param shuffle whether each epoch uses a new random permutation (otherwise the identity order)
     * @param dropLast whether a final batch smaller than {@code B} is dropped
     * @param seed the seed of the loader's generator (unused without {@code shuffle})
     */
    public record Options(int batchSize, boolean shuffle, boolean dropLast, long seed) {
        /**
         * Validates the batch size.
         *
         * @param batchSize the batch size, {@code >= 1}
         * @param shuffle whether to shuffle
         * @param dropLast whether to drop a final short batch
         * @param seed the seed
         * @throws IllegalArgumentException if {@code batchSize < 1}
         */
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader.Options: batchSize must be >= 1, got " + batchSize);
            }
        }
    }

    /**
     * Where a loader stands: how many epochs it has started and its generator's state, enough to continue
     * bit-identically with {@link #resume(Dataset, Options, State)}.
     *
     * @param epochsDrawn number of epochs started so far, {@code >= 0}
     * @param rng the generator state after the last epoch's permutation
     */
    public record State(int epochsDrawn, Rng.State rng) {
        /**
         * Validates.
         *
         * @param epochsDrawn epochs started, {@code >= 0}
         * @param rng the generator state
         * @throws IllegalArgumentException if {@code epochsDrawn < 0}
         */
        public State {
            Objects.requireNonNull(rng, "DataLoader.State: rng must not be null");
            if (epochsDrawn < 0) {
                throw new IllegalArgumentException("DataLoader.State: epochsDrawn must be >= 0, got " + epochsDrawn);
            }
        }
    }

    /**
     * A loader.
     *
     * @param data the dataset to batch
     * @param options batch size, shuffle, drop-last and seed
     */
    public DataLoader(Dataset data, Options options) {
        this.data = Objects.requireNonNull(data, "DataLoader: data must not be null");
        this.options = Objects.requireNonNull(options, "DataLoader: options must not be null");
        this.rng = new Rng(options.seed());
    }

    /**
     * Full-batch gradient descent: one batch per epoch holding every sample in dataset order
     * ({@code B = max(N, 1)}, no shuffle, no draws).
     *
     * @param data the dataset
     * @return the loader
     */
    public static DataLoader fullBatch(Dataset data) {
        Objects.requireNonNull(data, "DataLoader.fullBatch: data must not be null");
        return new DataLoader(data, new Options(Math.max(data.size(), 1), false, false, 0L));
    }

    /**
     * Stochastic gradient descent with one sample per step: {@code B = 1}, shuffled every epoch.
     *
     * @param data the dataset
     * @param seed the seed of the permutations
     * @return the loader
     */
    public static DataLoader stochastic(Dataset data, long seed) {
        return new DataLoader(data, new Options(1, true, false, seed));
    }

    /**
     * Mini-batch gradient descent: batch size {@code B}, shuffled every epoch, last short batch kept.
     *
     * @param data the dataset
     * @param batchSize the batch size, {@code >= 1}
     * @param seed the seed of the permutations
     * @return the loader
     */
    public static DataLoader miniBatch(Dataset data, int batchSize, long seed) {
        return new DataLoader(data, new Options(batchSize, true, false, seed));
    }

    /**
     * A loader that continues where another one stopped (same dataset and options).
     *
     * @param data the dataset
     * @param options the options the saved loader had
     * @param state the saved {@link #state()}
     * @return a loader whose next epoch equals the saved loader's next epoch
     */
    public static DataLoader resume(Dataset data, Options options, State state) {
        Objects.requireNonNull(state, "DataLoader.resume: state must not be null");
        DataLoader loader = new DataLoader(data, options);
        loader.rng.restore(state.rng());
        loader.epochsDrawn = state.epochsDrawn();
        return loader;
    }

    /**
     * The number of batches per epoch for {@code N} samples.
     *
     * @param n the number of samples, {@code >= 0}
     * @param batchSize the batch size, {@code >= 1}
     * @param dropLast whether a final short batch is dropped
     * @return {@code floor(n / batchSize)} with {@code dropLast}, else {@code ceil(n / batchSize)}
     * @throws IllegalArgumentException if {@code n < 0} or {@code batchSize < 1}
     */
    public static int batchCount(int n, int batchSize, boolean dropLast) {
        if (n < 0 || batchSize < 1) {
            throw new IllegalArgumentException("DataLoader.batchCount: need n >= 0 and batchSize >= 1, got n=" + n
                    + ", batchSize=" + batchSize);
        }
        int full = n / batchSize;
        return dropLast || n % batchSize == 0 ? full : full + 1;
    }

    /**
     * The dataset being batched.
     *
     * @return the dataset
     */
    public Dataset dataset() {
        return data;
    }

    /**
     * The settings.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * Batches per epoch ({@link #batchCount(int, int, boolean)} for this dataset).
     *
     * @return the count
     */
    public int batchesPerEpoch() {
        return batchCount(data.size(), options.batchSize(), options.dropLast());
    }

    /**
     * How many epochs have been started.
     *
     * @return the count
     */
    public int epochsDrawn() {
        return epochsDrawn;
    }

    /**
     * The loader's current state, for checkpoints.
     *
     * @return the state
     */
    public State state() {
        return new State(epochsDrawn, rng.state());
    }

    /**
     * Starts the next epoch: draws its permutation now (with shuffle) and returns its batches.
     *
     * @return the epoch, numbered from 0
     */
    public Epoch nextEpoch() {
        int n = data.size();
        int[] order;
        if (options.shuffle()) {
            order = rng.permutation(n);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        return new Epoch(epochsDrawn++, order);
    }

    /**
     * One epoch: a fixed sample order cut into batches. Iterating it several times yields the same
     * batches; each batch is gathered from the dataset when it is requested.
     */
    public final class Epoch implements Iterable<Batch> {

        private final int number;
        private final int[] order;

        private Epoch(int number, int[] order) {
            this.number = number;
            this.order = order;
        }

        /**
         * The epoch number.
         *
         * @return the number, from 0
         */
        public int number() {
            return number;
        }

        /**
         * The sample order of this epoch.
         *
         * @return a copy of the permutation of {@code 0 .. N-1}
         */
        public int[] order() {
            return order.clone();
        }

        /**
         * The number of batches in this epoch.
         *
         * @return {@link DataLoader#batchesPerEpoch()}
         */
        public int batchCount() {
            return batchesPerEpoch();
        }

        /**
         * Batch {@code k}: the samples {@code order[k B .. min((k+1) B, N))}.
         *
         * @param k the batch number, in {@code [0, batchCount())}
         * @return the batch
         * @throws IndexOutOfBoundsException if {@code k} is out of range
         */
        public Batch batch(int k) {
            int count = batchCount();
            if (k < 0 || k >= count) {
                throw new IndexOutOfBoundsException("Epoch.batch: batch " + k + " is outside [0, " + count + ")");
            }
            int b = options.batchSize();
            int from = k * b;
            int to = (int) Math.min((long) from + b, order.length);
            int[] idx = Arrays.copyOfRange(order, from, to);
            return new Batch(number, k, idx, data.subset(idx));
        }

        /**
         * The batches in order.
         *
         * @return an iterator over batch 0, 1, ...
         */
        @Override
        public Iterator<Batch> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batchCount();
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("Epoch " + number + " has only " + batchCount()
                                + " batches");
                    }
                    return batch(next++);
                }
            };
        }
    }
}
