package io.github.dlref.data.io;

import io.github.dlref.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An IDX image file and its IDX label file as one classification {@link Dataset} (the MNIST convention:
 * image {@code i} has label {@code i}). Features are the pixels flattened row by row and scaled to
 * {@code pixel / 255.0} ({@link IdxImages#toFeatures(int, int)}).
 */
public final class IdxDataset {

    private IdxDataset() {
    }

    /**
     * Reads a pair of files.
     *
     * @param imagesFile the IDX image file (plain or gzip)
     * @param labelsFile the IDX label file (plain or gzip)
     * @param numClasses the number of classes {@code C}; every label must be in {@code [0, C)}
     * @return the dataset, {@code count x (rows * cols)} features
     * @throws DataFormatException if a file is invalid, the label count differs from the image count, or a
     *     label is out of range
     * @throws IOException if a file cannot be read
     */
    public static Dataset load(Path imagesFile, Path labelsFile, int numClasses) throws IOException {
        return load(imagesFile, labelsFile, numClasses, Integer.MAX_VALUE);
    }

    /**
     * Reads a pair of files and keeps the first {@code limit} samples (the whole files are still validated).
     *
     * @param imagesFile the IDX image file (plain or gzip)
     * @param labelsFile the IDX label file (plain or gzip)
     * @param numClasses the number of classes {@code C}
     * @param limit the largest number of samples to keep, {@code >= 0}
     * @return the dataset of the first {@code min(limit, count)} samples
     * @throws DataFormatException if a file is invalid, the counts differ, or a label is out of range
     * @throws IOException if a file cannot be read
     */
    public static Dataset load(Path imagesFile, Path labelsFile, int numClasses, int limit) throws IOException {
        IdxImages images = IdxReader.readImages(imagesFile);
        IdxLabels labels = IdxReader.readLabels(labelsFile);
        return toDataset(images, labels, numClasses, limit);
    }

    /**
     * Checks that images and labels belong together: equal counts and every label in {@code [0, C)}.
     *
     * @param images the images
     * @param labels the labels
     * @param numClasses the number of classes {@code C}, {@code >= 1}
     * @throws DataFormatException naming the label file and, for a count mismatch, the image file
     */
    public static void checkPair(IdxImages images, IdxLabels labels, int numClasses) throws DataFormatException {
        Objects.requireNonNull(images, "IdxDataset.checkPair: images must not be null");
        Objects.requireNonNull(labels, "IdxDataset.checkPair: labels must not be null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("IdxDataset.checkPair: numClasses must be >= 1, got " + numClasses);
        }
        if (labels.count() != images.count()) {
            throw new DataFormatException(labels.source(), "label count " + labels.count()
                    + " does not match the image count " + images.count() + " of " + images.source());
        }
        for (int i = 0; i < labels.count(); i++) {
            int l = labels.label(i);
            if (l >= numClasses) {
                throw new DataFormatException(labels.source(), "label " + l + " at index " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
    }

    /**
     * Images and labels as a dataset, after {@link #checkPair(IdxImages, IdxLabels, int)}.
     *
     * @param images the images
     * @param labels the labels
     * @param numClasses the number of classes {@code C}
     * @param limit the largest number of samples to keep, {@code >= 0}
     * @return the dataset of the first {@code min(limit, count)} samples
     * @throws DataFormatException if the pair is inconsistent
     */
    public static Dataset toDataset(IdxImages images, IdxLabels labels, int numClasses, int limit)
            throws DataFormatException {
        if (limit < 0) {
            throw new IllegalArgumentException("IdxDataset.toDataset: limit must be >= 0, got " + limit);
        }
        checkPair(images, labels, numClasses);
        int n = Math.min(limit, images.count());
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = labels.label(i);
        }
        return Dataset.classification(images.toFeatures(0, n), l, numClasses);
    }
}
