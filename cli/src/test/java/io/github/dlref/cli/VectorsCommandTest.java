package io.github.dlref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.oracle.VectorWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlref vectors --out DIR} writes exactly the generated files; a directory it cannot create exits 1. */
class VectorsCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFile() {
        Path out = dir.resolve("v");
        OracleCliRun r = OracleCliRun.of("vectors", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, String> expected = VectorWriter.generate(ExampleCatalog::standard);
        assertEquals(expected.size(), r.out().lines().count());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), OracleCliRun.read(out.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void unwritableDirectoryExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        OracleCliRun r = OracleCliRun.of("vectors", "--out", file.resolve("sub").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("dlref vectors: cannot write vectors to "), r.err());
    }

    @Test
    void outIsRequired() {
        assertEquals(2, OracleCliRun.of("vectors").exit());
    }
}
