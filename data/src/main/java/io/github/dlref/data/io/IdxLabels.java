package io.github.dlref.data.io;

import java.util.Objects;

/**
 * Labels read from an IDX label file (magic {@code 0x00000801}): one unsigned byte per sample. Immutable.
 */
public final class IdxLabels {

    private final IdxArray array;

    IdxLabels(IdxArray array) {
        this.array = Objects.requireNonNull(array, "array");
        if (array.magic() != IdxReader.LABELS_MAGIC) {
            throw new IllegalArgumentException("IdxLabels: magic must be 0x00000801, got " + array);
        }
    }

    /**
     * The file the labels were read from.
     *
     * @return its name
     */
    public String source() {
        return array.source();
    }

    /**
     * The number of labels.
     *
     * @return the count
     */
    public int count() {
        return array.size();
    }

    /**
     * One label.
     *
     * @param i the sample index, in {@code [0, count)}
     * @return the label, in {@code [0, 255]}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int label(int i) {
        return array.unsignedByte(i);
    }

    /**
     * All labels.
     *
     * @return a new array of {@code count} labels
     */
    public int[] toArray() {
        int[] out = new int[count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.unsignedByte(i);
        }
        return out;
    }

    /**
     * A short description.
     *
     * @return for example {@code "IdxLabels(t10k-labels-idx1-ubyte.gz, 10000)"}
     */
    @Override
    public String toString() {
        return "IdxLabels(" + source() + ", " + count() + ")";
    }
}
