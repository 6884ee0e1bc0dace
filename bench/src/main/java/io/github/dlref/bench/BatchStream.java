package io.github.dlref.bench;

import io.github.dlref.data.Batch;
import io.github.dlref.data.DataLoader;
import java.util.Objects;

/**
 * The batches of a {@link DataLoader}, epoch after epoch, without end: batch 0, 1, ... of epoch 0, then of
 * epoch 1 (a new permutation), and so on. The loader must drop the last short batch, so that every batch has
 * the loader's batch size.
 */
final class BatchStream {

    private final DataLoader loader;
    private DataLoader.Epoch epoch;
    private int next;

    BatchStream(DataLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        if (!loader.options().dropLast() || loader.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("BatchStream: the loader must drop the last short batch and yield at "
                    + "least one batch per epoch (batch size " + loader.options().batchSize() + ", "
                    + loader.dataset().size() + " samples, dropLast " + loader.options().dropLast() + ")");
        }
    }

    int batchSize() {
        return loader.options().batchSize();
    }

    Batch next() {
        if (epoch == null || next == epoch.batchCount()) {
            epoch = loader.nextEpoch();
            next = 0;
        }
        return epoch.batch(next++);
    }
}
