package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlref.math.Rng;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated IDX content (seeded, 400 cases, well under a second): the reader either returns a
 * consistent array or throws {@link DataFormatException} with a message that starts with the source name;
 * never anything else (no index errors, no out-of-memory from a header claiming a huge size).
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
                try {
                    IdxArray a = mode == 0 ? IdxReader.read(content, source) : null;
                    if (mode == 1) {
                        IdxImages img = IdxReader.readImages(content, source);
                        assertEquals((long) img.count() * img.rows() * img.cols(),
                                (long) img.toFeatures(0, img.count()).size());
                    } else if (mode == 2) {
                        IdxLabels l = IdxReader.readLabels(content, source);
                        assertEquals(l.count(), l.toArray().length);
                    } else {
                        long product = 1;
                        for (int d : a.dims()) {
                            product *= d;
                        }
                        assertEquals(product, a.size(), "case " + c);
                    }
                    accepted++;
                } catch (DataFormatException e) {
                    assertTrue(e.getMessage().startsWith(source + ": ") && e.getMessage().length() > source.length() + 5,
                            "case " + c + ": message " + e.getMessage());
                    assertEquals(source, e.source());
                    rejected++;
                } catch (Throwable t) {
                    fail("case " + c + " mode " + mode + " threw " + t + " for content "
                            + HexFormat.of().formatHex(content, 0, Math.min(content.length, 64)), t);
                }
            }
        }
        // the generator must exercise both outcomes, or the fuzzing proves nothing
        assertTrue(accepted >= 50, "accepted " + accepted);
        assertTrue(rejected >= 300, "rejected " + rejected);
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
