package io.github.dlref.data.io;

import io.github.dlref.math.Matrix;
import java.util.Objects;

/**
 * Grey-scale images read from an IDX image file (magic {@code 0x00000803}): {@code count} images of
 * {@code rows x cols} unsigned-byte pixels, 0 = background. Immutable.
 */
public final class IdxImages {

    private final IdxArray array;
    private final int count;
    private final int rows;
    private final int cols;

    IdxImages(IdxArray array) {
        this.array = Objects.requireNonNull(array, "array");
        if (array.magic() != IdxReader.IMAGES_MAGIC) {
            throw new IllegalArgumentException("IdxImages: magic must be 0x00000803, got " + array);
        }
        int[] dims = array.dims();
        this.count = dims[0];
        this.rows = dims[1];
        this.cols = dims[2];
    }

    /**
     * The file the images were read from.
     *
     * @return its name
     */
    public String source() {
        return array.source();
    }

    /**
     * The number of images.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * The image height.
     *
     * @return the number of pixel rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The image width.
     *
     * @return the number of pixel columns
     */
    public int cols() {
        return cols;
    }

    /**
     * One pixel.
     *
     * @param image the image index, in {@code [0, count)}
     * @param row the pixel row, in {@code [0, rows)}
     * @param col the pixel column, in {@code [0, cols)}
     * @return the grey level, in {@code [0, 255]}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public int pixel(int image, int row, int col) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return array.unsignedByte((image * rows + row) * cols + col);
    }

    /**
     * Images {@code from} to {@code to} (exclusive) as feature rows: each image flattened row by row to
     * {@code rows * cols} features {@code pixel / 255.0} in {@code [0, 1]} (one correctly rounded division,
     * the scaling of torchvision's {@code ToTensor} and of Keras' MNIST examples).
     *
     * @param from the first image, {@code 0 <= from <= to}
     * @param to one past the last image, {@code to <= count}
     * @return a {@code (to - from) x (rows * cols)} matrix
     * @throws IndexOutOfBoundsException if the range is invalid
     * @throws IllegalArgumentException if the matrix would not fit in memory as one array
     */
    public Matrix toFeatures(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("IdxImages.toFeatures: range [" + from + ", " + to
                    + ") is invalid for " + count + " images");
        }
        int pixels = rows * cols;
        long size = (long) (to - from) * pixels;
        if (size > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("IdxImages.toFeatures: " + (to - from) + " images of " + pixels
                    + " pixels do not fit in one matrix");
        }
        byte[] raw = array.rawData();
        int offset = from * pixels;
        // written straight into the matrix: no second copy of the features
        return Matrix.build(to - from, pixels, (i, j) -> (raw[offset + i * pixels + j] & 0xFF) / 255.0);
    }

    /**
     * The images at the given indices, in that order, as feature rows (as {@link #toFeatures(int, int)}): row
     * {@code r} is image {@code indices[r]}. Built straight from the file's bytes, so a subset of the images
     * never needs the whole set in doubles first.
     *
     * @param indices image indices, each in {@code [0, count)}, repeats allowed (not modified)
     * @return an {@code indices.length x (rows * cols)} matrix
     * @throws IndexOutOfBoundsException naming the position of an index outside {@code [0, count)}
     * @throws IllegalArgumentException if the matrix would not fit in memory as one array
     */
    public Matrix toFeatures(int[] indices) {
        Objects.requireNonNull(indices, "IdxImages.toFeatures: indices must not be null");
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= count) {
                throw new IndexOutOfBoundsException("IdxImages.toFeatures: index " + indices[k] + " at position "
                        + k + " is outside [0, " + count + ")");
            }
        }
        int pixels = rows * cols;
        if ((long) indices.length * pixels > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("IdxImages.toFeatures: " + indices.length + " images of " + pixels
                    + " pixels do not fit in one matrix");
        }
        byte[] raw = array.rawData();
        return Matrix.build(indices.length, pixels, (i, j) -> (raw[indices[i] * pixels + j] & 0xFF) / 255.0);
    }

    /**
     * A short description.
     *
     * @return for example {@code "IdxImages(t10k-images-idx3-ubyte.gz, 10000 x 28 x 28)"}
     */
    @Override
    public String toString() {
        return "IdxImages(" + source() + ", " + count + " x " + rows + " x " + cols + ")";
    }
}
