package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code dlref gradcheck}: the table lists every check with its errors and exits 0 when all pass; a step
 * {@code h} so coarse that truncation dominates makes checks fail and exits 1; invalid settings exit 2.
 */
class GradcheckCommandTest {

    @Test
    void allPassWithTheDefaults() {
        OracleCliRun r = OracleCliRun.of("gradcheck");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("kind   subject"), r.out());
        assertTrue(r.out().contains(" 0 failed (h = 1.0E-6, pass if |a - n| <= 1.0E-5 + 0.001 |n|)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("op ") && l.contains("matmul") && l.contains("4 x 5")
                && l.endsWith("PASS")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("layer ") && l.contains("batchnorm(keras)/eval")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("loss ") && l.contains("multi_margin")), r.out());
    }

    @Test
    void aCoarseStepFailsAndExitsOne() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--h", "0.3");
        assertEquals(1, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.contains(" exp ") && l.contains("FAIL")), r.out());
    }

    @Test
    void invalidSettingsExitTwo() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--h", "-1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("dlref gradcheck: "), r.err());
    }
}
