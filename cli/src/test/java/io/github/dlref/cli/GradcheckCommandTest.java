package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertTrue(r.out().startsWith("kind  shape inputs   max abs   max rel status subject"), r.out());
        assertTrue(r.out().contains(" 0 failed (h = 1.0E-6, pass if |a - n| <= 1.0E-5 + 0.001 |n|)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("op ") && l.endsWith(" PASS   matmul")
                && l.contains("4 x 5")), r.out());
        for (String line : r.out().split("\\R")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        // a long subject (a loss with class weights) wraps under its column
        assertTrue(r.out().contains("cross_entropy(weight=[0.5,"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("layer ") && l.contains("batchnorm(keras)/eval")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("loss ") && l.contains("multi_margin")), r.out());
    }

    @Test
    void secondOrderAddsTheGradgradcheckTableAndNamesTheSubjectsLeftOut() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--second-order");
        assertEquals(0, r.exit(), r.out());
        String second = r.out().substring(r.out().indexOf("second order (gradgradcheck):"));
        assertTrue(second.lines().anyMatch(l -> l.startsWith("op ") && l.endsWith(" PASS   exp")
                && l.contains("4 x 5")), second);
        assertTrue(second.lines().anyMatch(l -> l.startsWith("loss ") && l.contains("mse")), second);
        assertTrue(second.lines().noneMatch(l -> l.startsWith("op ") && l.endsWith(" relu")), second);
        for (String line : r.out().split("\\R")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
        assertTrue(second.contains("not twice differentiable, left out: op abs, op relu"), second);
        assertEquals(2, r.out().lines().filter(l -> l.contains(" 0 failed (h = 1.0E-6")).count(), r.out());
    }

    @Test
    void aCoarseStepFailsTheSecondOrderTableToo() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--second-order", "--h", "0.3");
        assertEquals(1, r.exit());
        String second = r.out().substring(r.out().indexOf("second order (gradgradcheck):"));
        List<String> lines = second.lines().toList();
        int exp = lines.indexOf(lines.stream().filter(l -> l.endsWith(" FAIL   exp")).findFirst().orElseThrow());
        assertTrue(lines.get(exp + 1).startsWith("       worst: FAIL input 0 'd(grad a)/d(a)'"), second);
    }

    @Test
    void aCoarseStepFailsAndExitsOne() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--h", "0.3");
        assertEquals(1, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("op ") && l.endsWith(" FAIL   exp")), r.out());
    }

    @Test
    void invalidSettingsExitTwo() {
        OracleCliRun r = OracleCliRun.of("gradcheck", "--h", "-1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("dlref gradcheck: "), r.err());
    }
}
