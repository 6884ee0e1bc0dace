package io.github.dlref.data.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of an IDX file of unsigned bytes: its magic number, its dimension sizes and its data in the
 * file's order (last dimension fastest, like C arrays). Immutable; produced by {@link IdxReader}.
 */
public final class IdxArray {

    private final String source;
    private final int magic;
    private final int[] dims;
    private final byte[] data;

    IdxArray(String source, int magic, int[] dims, byte[] data) {
        this.source = Objects.requireNonNull(source, "source");
        this.magic = magic;
        this.dims = dims.clone();
        this.data = data;
        long product = 1;
        for (int d : dims) {
            product *= d;
        }
        if (product != data.length) {
            throw new IllegalArgumentException("IdxArray: dimensions " + Arrays.toString(dims) + " need " + product
                    + " values, got " + data.length);
        }
    }

    /**
     * The file or stream the array was read from.
     *
     * @return its name
     */
    public String source() {
        return source;
    }

    /**
     * The magic number: {@code 0x0000TTNN} with data type {@code TT} (0x08 here) and {@code NN} dimensions.
     *
     * @return the magic number
     */
    public int magic() {
        return magic;
    }

    /**
     * The number of dimensions.
     *
     * @return the dimension count, {@code >= 1}
     */
    public int rank() {
        return dims.length;
    }

    /**
     * The dimension sizes, outermost first (for images: count, rows, columns).
     *
     * @return a copy of the sizes
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The number of values, the product of the dimension sizes.
     *
     * @return the value count
     */
    public int size() {
        return data.length;
    }

    /**
     * One value, read as an unsigned byte.
     *
     * @param index the flat index in file order, in {@code [0, size())}
     * @return the value, in {@code [0, 255]}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public int unsignedByte(int index) {
        return data[Objects.checkIndex(index, data.length)] & 0xFF;
    }

    /** The raw array, shared with the package's wrappers (never handed out). */
    byte[] rawData() {
        return data;
    }

    /**
     * A short description.
     *
     * @return for example {@code "IdxArray(train-labels-idx1-ubyte.gz, 0x00000801, [60000])"}
     */
    @Override
    public String toString() {
        return "IdxArray(" + source + ", " + String.format("0x%08X", magic) + ", " + Arrays.toString(dims) + ")";
    }
}
