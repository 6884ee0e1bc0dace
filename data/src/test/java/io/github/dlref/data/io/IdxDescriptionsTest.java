package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the IDX classes describe themselves, and how the reader names each data type it refuses. */
class IdxDescriptionsTest {

    @Test
    void contentDescribesItselfWithSourceMagicAndSizes() throws DataFormatException {
        assertEquals("IdxArray(a, 0x00000803, [2, 3, 4])", IdxReader.read(IdxBytes.images(2, 3, 4), "a").toString());
        assertEquals("IdxImages(b, 2 x 3 x 4)", IdxReader.readImages(IdxBytes.images(2, 3, 4), "b").toString());
        assertEquals("IdxLabels(c, 7)", IdxReader.readLabels(IdxBytes.labels(7, 3), "c").toString());
    }

    @Test
    void everyDataTypeOfTheFormatIsRefusedByName() {
        // LeCun's IDX description: 0x09 signed byte, 0x0B short (2 bytes), 0x0C int (4), 0x0D float (4),
        // 0x0E double (8); only 0x08, unsigned byte, is read
        String[][] types = {{"09", "signed byte"}, {"0B", "short, 2 bytes"}, {"0C", "int, 4 bytes"},
            {"0D", "float, 4 bytes"}, {"0E", "double, 8 bytes"}, {"07", "not an IDX data type"}};
        for (String[] t : types) {
            byte[] content = IdxBytes.file(0x00000001 | (Integer.parseInt(t[0], 16) << 8), new int[] {1}, new byte[1]);
            String message = assertThrows(DataFormatException.class, () -> IdxReader.read(content, "f")).getMessage();
            assertTrue(message.contains("data type 0x" + t[0] + " (" + t[1] + ") is not supported, only 0x08"
                    + " (unsigned byte)"), message);
        }
    }
}
