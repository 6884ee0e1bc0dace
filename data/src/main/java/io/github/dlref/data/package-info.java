/**
 * In-memory datasets, seeded mini-batch loading and label encoding.
 *
 * <p>Owns: {@link io.github.dlref.data.Dataset} (features N x D, one sample per row, with class labels or
 * regression targets; subsets and seeded train/validation/test splits),
 * {@link io.github.dlref.data.DataLoader} (batches of a dataset, a new Fisher-Yates permutation per epoch
 * from one seeded {@link io.github.dlref.math.Rng}; full-batch gradient descent and SGD with batch size 1
 * are its two ends), {@link io.github.dlref.data.Batch} and {@link io.github.dlref.data.OneHot}.
 *
 * <p>Start from {@link io.github.dlref.data.Dataset} (build one with {@code Dataset.classification} or load
 * one from {@code io.github.dlref.data.io}, then {@code split(Dataset.Fractions.train(..).validation(..), seed)})
 * and {@link io.github.dlref.data.DataLoader} ({@code DataLoader.miniBatch(dataset, batchSize, seed)}, then
 * {@code nextEpoch()} yields the epoch's {@link io.github.dlref.data.Batch}es); both class pages have an
 * example. {@link io.github.dlref.data.OneHot#argmax(io.github.dlref.math.Matrix)} and
 * {@link io.github.dlref.data.OneHot#accuracy(io.github.dlref.math.Matrix, int[])} turn a model's scores into
 * labels and an accuracy.
 *
 * <p>Sources: mini-batches, "1 epoch = one pass through the training set" and batch size 1 = stochastic
 * gradient descent (bp-optimizers, "mini-batch"); epochs of batch_size samples as mainstream frameworks
 * implement SGD (param-optimization, section 2.1); GD vs SGD vs mini-batch (dl-optimization); mini-batch
 * gradient {@code g_t = (1/|B|) sum_{i in B_t} grad f} (dl-basics).
 *
 * <p>Depends on {@code io.github.dlref.math} only. Must not depend on {@code autograd}, {@code nn},
 * {@code optim} or {@code verify}, nor on its own sub-packages ({@code .io}, {@code .preprocess},
 * {@code .synthetic} build on this package, never the other way round).
 */
package io.github.dlref.data;
