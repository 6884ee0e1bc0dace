package io.github.dlref.data.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX content by hand for the tests (big-endian header, then the data). */
final class IdxBytes {

    private IdxBytes() {
    }

    static byte[] file(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** {@code count} images of {@code rows x cols}; pixel (i, r, c) = (7 i + 3 r + c) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    data[(i * rows + r) * cols + c] = (byte) ((7 * i + 3 * r + c) % 256);
                }
            }
        }
        return file(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, data);
    }

    /** Labels {@code i mod classes}. */
    static byte[] labels(int count, int classes) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % classes);
        }
        return file(IdxReader.LABELS_MAGIC, new int[] {count}, data);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
