package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated IDX content (seeded, 400 cases, well under a second): the reader either returns exactly
 * what an independent reading of the format's rules (the test's {@code Decoded}) finds, header, every byte,
 * every feature {@code byte / 255} and every label, or throws {@link DataFormatException} with a message that
 * starts with the source name, and then only for content those rules reject; never anything else (no index
 * errors, no out-of-memory from a header claiming a huge size).
 */
class IdxFuzzTest {

    private static final int CASES = 400;

    @Test
    void randomAndMutatedContentOnlyEverFailsWithTheDocumentedException() {
        Rng rng = new Rng(20240601L);
        int accepted = 0;
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] content = fuzzCase(rng);
            String source = "fuzz-" + c;
            for (int mode = 0; mode < 3; mode++) {
                int expectedMagic = mode == 0 ? 0 : mode == 1 ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC;
                Decoded reference = Decoded.of(content, expectedMagic);
                String where = "case " + c + " mode " + mode + ", content "
                        + HexFormat.of().formatHex(content, 0, Math.min(content.length, 64));
                try {
                    if (mode == 0) {
                        IdxArray a = IdxReader.read(content, source);
                        assertAccepted(reference, where);
                        assertEquals(reference.magic, a.magic(), where);
                        assertEquals(reference.dims.length, a.rank(), where);
                        assertArrayEquals(reference.dims, a.dims(), where);
                        assertEquals(reference.data.length, a.size(), where);
                        for (int k = 0; k < reference.data.length; k++) {
                            assertEquals(reference.data[k] & 0xFF, a.unsignedByte(k), where);
                        }
                    } else if (mode == 1) {
                        IdxImages img = IdxReader.readImages(content, source);
                        assertAccepted(reference, where);
                        assertArrayEquals(reference.dims, new int[] {img.count(), img.rows(), img.cols()}, where);
                        // at most 64 images: a header may claim up to 2^31 - 1 images of 0 pixels each
                        int shown = Math.min(img.count(), 64);
                        Matrix features = img.toFeatures(0, shown);
                        int pixels = img.rows() * img.cols();
                        assertEquals(shown, features.rows(), where);
                        assertEquals(pixels, features.cols(), where);
                        for (int k = 0; k < shown * pixels; k++) {
                            // torchvision's ToTensor scaling: grey level / 255, one correctly rounded division
                            assertEquals((reference.data[k] & 0xFF) / 255.0, features.get(k / pixels, k % pixels),
                                    where);
                        }
                    } else {
                        IdxLabels l = IdxReader.readLabels(content, source);
                        assertAccepted(reference, where);
                        int[] expected = new int[reference.data.length];
                        for (int k = 0; k < expected.length; k++) {
                            expected[k] = reference.data[k] & 0xFF;
                        }
                        assertEquals(reference.dims[0], l.count(), where);
                        assertArrayEquals(expected, l.toArray(), where);
                    }
                    accepted++;
                } catch (DataFormatException e) {
                    assertTrue(reference == null, () -> where + ": rejected (" + e.getMessage()
                            + ") but the format's rules accept it");
                    assertTrue(e.getMessage().startsWith(source + ": ") && e.getMessage().length() > source.length() + 5,
                            "case " + c + ": message " + e.getMessage());
                    assertEquals(source, e.source());
                    rejected++;
                } catch (Throwable t) {
                    fail(where + " threw " + t, t);
                }
            }
        }
        // the generator must exercise both outcomes, or the fuzzing proves nothing
        assertTrue(accepted >= 50, "accepted " + accepted);
        assertTrue(rejected >= 300, "rejected " + rejected);
    }

    private static void assertAccepted(Decoded reference, String where) {
        assertNotNull(reference, () -> where + ": accepted, but the format's rules reject it");
    }

    /**
     * An independent reading of the IDX rules (LeCun's MNIST page) with the JDK's {@link ByteBuffer} and
     * {@link GZIPInputStream}, written for this test without the reader's code: gzip if the content starts with
     * {@code 1f 8b}; then the magic {@code 00 00 08 NN} with {@code NN >= 1} (equal to {@code expectedMagic}
     * unless that is 0), {@code NN} big-endian non-negative sizes, and exactly their product of data bytes.
     */
    private record Decoded(int magic, int[] dims, byte[] data) {

        /** The decoded content, or null when the rules reject it. */
        static Decoded of(byte[] content, int expectedMagic) {
            byte[] plain = content;
            if (content.length >= 2 && (content[0] & 0xFF) == 0x1f && (content[1] & 0xFF) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                    plain = in.readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            }
            ByteBuffer b = ByteBuffer.wrap(plain); // big-endian by default, as IDX
            if (b.remaining() < 4) {
                return null;
            }
            int magic = b.getInt();
            int rank = magic & 0xFF;
            if ((magic >>> 8) != 0x08 || rank == 0 || (expectedMagic != 0 && magic != expectedMagic)
                    || b.remaining() < 4L * rank) {
                return null;
            }
            int[] dims = new int[rank];
            BigInteger size = BigInteger.ONE;
            for (int k = 0; k < rank; k++) {
                dims[k] = b.getInt();
                if (dims[k] < 0) {
                    return null;
                }
                size = size.multiply(BigInteger.valueOf(dims[k]));
            }
            if (!size.equals(BigInteger.valueOf(b.remaining()))) {
                return null;
            }
            byte[] data = new byte[b.remaining()];
            b.get(data);
            return new Decoded(magic, dims, data);
        }
    }

    private static byte[] fuzzCase(Rng rng) {
        int kind = rng.nextInt(4);
        byte[] content;
        if (kind == 0) {
            content = randomBytes(rng, rng.nextInt(41));
            if (content.length >= 4 && rng.nextBoolean()) {
                content[0] = 0;
                content[1] = 0;
                content[2] = 8;
                content[3] = (byte) rng.nextInt(4);
            }
            return content;
        }
        content = rng.nextBoolean()
                ? IdxBytes.images(rng.nextInt(5), rng.nextInt(5), rng.nextInt(5))
                : IdxBytes.labels(rng.nextInt(20), 10);
        if (kind >= 2) {
            content = mutate(rng, content);
        }
        if (kind == 3 || rng.nextInt(4) == 0) {
            content = IdxBytes.gzip(content);
            if (rng.nextBoolean()) {
                content = mutate(rng, content);
            }
        }
        return content;
    }

    private static byte[] mutate(Rng rng, byte[] in) {
        byte[] out = in.clone();
        switch (rng.nextInt(5)) {
            case 0: // flip some bytes
                for (int k = 0, n = 1 + rng.nextInt(3); k < n && out.length > 0; k++) {
                    out[rng.nextInt(out.length)] ^= (byte) (1 + rng.nextInt(255));
                }
                return out;
            case 1: // truncate
                return Arrays.copyOf(out, out.length == 0 ? 0 : rng.nextInt(out.length));
            case 2: // append
                byte[] extra = randomBytes(rng, 1 + rng.nextInt(8));
                byte[] longer = Arrays.copyOf(out, out.length + extra.length);
                System.arraycopy(extra, 0, longer, out.length, extra.length);
                return longer;
            case 3: // overwrite the first dimension with a huge or negative size
                if (out.length >= 8) {
                    int[] sizes = {Integer.MAX_VALUE, -1, 1 << 30, 46341, rng.nextInt()};
                    ByteBuffer.wrap(out).putInt(4, sizes[rng.nextInt(sizes.length)]);
                }
                return out;
            default: // change the rank byte
                if (out.length >= 4) {
                    out[3] = (byte) rng.nextInt(256);
                }
                return out;
        }
    }

    private static byte[] randomBytes(Rng rng, int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) rng.nextInt(256);
        }
        return b;
    }
}
