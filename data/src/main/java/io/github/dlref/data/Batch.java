package io.github.dlref.data;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * One mini-batch: the samples of a {@link Dataset} at some indices, with where it sits in training.
 *
 * <p>The batch's rows are the dataset's rows {@code sampleIndices[0], sampleIndices[1], ...} in that order
 * (bp-optimizers writes the t-th mini-batch {@code X^{t}, Y^{t}}; here it is one sample per row).
 */
public final class Batch {

    private final int epoch;
    private final int index;
    private final int[] sampleIndices;
    private final Dataset data;

    /**
     * Creates a batch.
     *
     * @param epoch the epoch number (0 for the first epoch)
     * @param index the batch number within its epoch (0 for the first batch)
     * @param sampleIndices the indices of the samples in the source dataset (copied)
     * @param data the samples, {@code data.size() == sampleIndices.length}
     * @throws IllegalArgumentException if the sizes differ or a number is negative
     */
    public Batch(int epoch, int index, int[] sampleIndices, Dataset data) {
        Objects.requireNonNull(sampleIndices, "Batch: sampleIndices must not be null");
        Objects.requireNonNull(data, "Batch: data must not be null");
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("Batch: epoch and index must be >= 0, got epoch=" + epoch
                    + ", index=" + index);
        }
        if (sampleIndices.length != data.size()) {
            throw new IllegalArgumentException("Batch: " + sampleIndices.length + " indices for " + data.size()
                    + " samples");
        }
        this.epoch = epoch;
        this.index = index;
        this.sampleIndices = sampleIndices.clone();
        this.data = data;
    }

    /**
     * The epoch this batch belongs to.
     *
     * @return the epoch number, from 0
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The position of this batch in its epoch.
     *
     * @return the batch number, from 0
     */
    public int index() {
        return index;
    }

    /**
     * The number of samples {@code B} in this batch.
     *
     * @return {@code B}
     */
    public int size() {
        return sampleIndices.length;
    }

    /**
     * Where the rows came from.
     *
     * @return a copy of the source-dataset indices, one per row
     */
    public int[] sampleIndices() {
        return sampleIndices.clone();
    }

    /**
     * The batch as a dataset.
     *
     * @return the samples
     */
    public Dataset data() {
        return data;
    }

    /**
     * The batch features.
     *
     * @return {@code B x D}
     */
    public Matrix features() {
        return data.features();
    }

    /**
     * The batch labels (classification).
     *
     * @return a copy of the {@code B} labels
     * @throws IllegalStateException for regression data
     */
    public int[] labels() {
        return data.labels();
    }

    /**
     * The batch labels one-hot encoded (classification).
     *
     * @return {@code B x C}
     * @throws IllegalStateException for regression data
     */
    public Matrix oneHot() {
        return data.oneHot();
    }

    /**
     * The batch targets (regression).
     *
     * @return {@code B x K}
     * @throws IllegalStateException for classification data
     */
    public Matrix targets() {
        return data.targets();
    }

    /**
     * A short description.
     *
     * @return for example {@code "Batch(epoch 0, batch 3, 32 samples)"}
     */
    @Override
    public String toString() {
        return "Batch(epoch " + epoch + ", batch " + index + ", " + size() + " samples)";
    }
}
