package io.github.dlref.nn.regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The penalties' settings at the end of their range, as reported and printed, and their null checks. */
class PenaltySettingsTest {

    @Test
    void zeroStrengthIsValidAndSettingsAreReported() {
        ParameterSelector all = ParameterSelector.all();
        L1Penalty l1 = new L1Penalty(0.0, all);
        assertEquals(0.0, l1.lambda());
        assertSame(all, l1.selector());
        assertEquals("L1Penalty(lambda=0.0)", l1.toString());
        assertEquals("L1Penalty(lambda=0.5)", new L1Penalty(0.5).toString());
        assertEquals("L2Penalty(lambda=0.0)", new L2Penalty(0.0).toString());
        assertEquals("L1Penalty: selector must not be null",
                assertThrows(NullPointerException.class, () -> new L1Penalty(0.1, null)).getMessage());
    }
}
