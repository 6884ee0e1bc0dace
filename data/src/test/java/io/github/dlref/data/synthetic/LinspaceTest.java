package io.github.dlref.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlref.data.ReferenceData;
import org.junit.jupiter.api.Test;

class LinspaceTest {

    @Test
    void equalsNumpyBitForBit() {
        // same operations as numpy (i * step + start, last point = stop), so no tolerance
        assertArrayEquals(ReferenceData.matrix("linspace_0_1_7").toRowMajorArray(), Linspace.of(0, 1, 7));
        assertArrayEquals(ReferenceData.matrix("linspace_8_12_5").toRowMajorArray(), Linspace.of(8, 12, 5));
        assertArrayEquals(ReferenceData.matrix("linspace_0_pi_50").toRowMajorArray(), Linspace.of(0, Math.PI, 50));
        assertArrayEquals(ReferenceData.matrix("linspace_3_3_4").toRowMajorArray(), Linspace.of(3, 3, 4));
    }

    @Test
    void degenerateLengths() {
        assertEquals(0, Linspace.of(0, 1, 0).length);
        assertArrayEquals(new double[] {2.5}, Linspace.of(2.5, 7, 1), "numpy: a single point is start");
        assertArrayEquals(new double[] {0, 1}, Linspace.of(0, 1, 2));
    }
}
