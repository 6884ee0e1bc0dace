package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlref conform}: usage errors exit 2 with one line; a client that writes nothing is reported per case, the
 * run goes on, the table and both reports are written, and the exit status is 1. (The engine and the PyTorch client
 * are tested in verify's {@code ConformanceTest}.)
 */
class ConformCommandTest {

    @TempDir
    Path dir;

    @Test
    void badOptionsAreUsageErrors() {
        OracleCliRun t = OracleCliRun.of("conform", "--client", "true", "--timeout", "0", "--out", dir.toString());
        assertEquals(2, t.exit(), t.err());
        assertTrue(t.err().contains("--timeout must be a finite number of seconds > 0, got 0.0"), t.err());
        OracleCliRun o = OracleCliRun.of("conform", "--client", "true", "--only", "nothing", "--out", dir.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--only nothing selects no case; the cases are [layer-relu, "), o.err());
        OracleCliRun blank = OracleCliRun.of("conform", "--client", " ", "--out", dir.toString());
        assertEquals(2, blank.exit(), blank.err());
        OracleCliRun jax = OracleCliRun.of("conform", "--client", "true", "--conventions", "pytorch,jax", "--out",
                dir.toString());
        assertEquals(2, jax.exit(), jax.err());
        assertTrue(jax.err().contains("--conventions: unknown convention \"jax\"; expected a comma-separated list of "
                + "[pytorch, keras, optax]"), jax.err());
    }

    @Test
    void casesOfOtherConventionsAreListedAsNotAskedUnlessTheClientOptsIn() throws Exception {
        OracleCliRun r = OracleCliRun.of("conform", "--client", "true", "--only", "keras-ada", "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("keras-adagrad                    not_asked not asked: a keras case; this run asks "
                + "pytorch (--conventions pytorch,keras includes it)"), r.out());
        assertTrue(r.out().contains("conform: 0 of 0 cases pass (2 not asked: conventions the client did not opt into)"),
                r.out());
        OracleCliRun asked = OracleCliRun.of("conform", "--client", "true", "--only", "keras-ada", "--conventions",
                "pytorch,keras", "--out", dir.toString());
        assertEquals(1, asked.exit(), asked.out() + asked.err());
        assertTrue(asked.out().contains("keras-adagrad                    garbage  exit status 0 but no trajectory"),
                asked.out());
        assertTrue(asked.out().contains("conform: 0 of 2 cases pass; reports: "), asked.out());
    }

    @Test
    void aClientThatWritesNothingFailsEveryCaseAndTheRunGoesOn() throws Exception {
        OracleCliRun r = OracleCliRun.of("conform", "--client", "true", "--only", "loader-", "--out", dir.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("loader-drop-last                 garbage  exit status 0 but no trajectory at "),
                r.out());
        assertTrue(r.out().contains("loader-in-order                  garbage  "), r.out());
        assertTrue(r.out().contains("conform: 0 of 2 cases pass; reports: "), r.out());
        assertTrue(Files.readString(dir.resolve("conform.json")).contains("\"format\" : \"dlref.conform.v1\""));
        assertTrue(Files.readString(dir.resolve("conform.md")).contains("0 of 2 cases pass."));
        assertTrue(Files.isRegularFile(dir.resolve("loader-in-order.spec.json")));
    }
}
