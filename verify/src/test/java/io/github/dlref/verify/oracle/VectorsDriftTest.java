package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.oracle.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed golden vectors ({@code vectors/} at the repository root) are exactly what the code
 * generates: a change to any op, layer, loss, optimizer, schedule, initializer, the loader or the example
 * catalog that changes a number fails here until the vectors are regenerated, deliberately, with
 * {@code ./mvnw -pl verify test -Dtest=VectorsDriftTest -Ddlref.vectors.update=true} (or
 * {@code ./dlref vectors --out vectors}) and the diff is reviewed. The generated files carry the certificates of
 * issue 22 ({@code certificate} and {@code certified} fields, see {@code CertificateTest}), so a changed or new
 * certificate also fails here until the vectors are regenerated.
 */
class VectorsDriftTest {

    static final Path COMMITTED = Path.of("..", "vectors");
    static Map<String, String> generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = VectorWriter.generate(ExampleCatalog::standard);
        if (Boolean.getBoolean("dlref.vectors.update")) {
            VectorWriter.write(COMMITTED, ExampleCatalog::standard);
        }
    }

    @Test
    void committedVectorsMatchTheCode() throws IOException {
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path p = COMMITTED.resolve(e.getKey());
            if (!Files.exists(p)) {
                fail(p + " is missing; regenerate the vectors (see VectorsDriftTest)");
            }
            String committed = Files.readString(p, StandardCharsets.UTF_8);
            if (!committed.equals(e.getValue())) {
                String[] a = committed.split("\n", -1);
                String[] b = e.getValue().split("\n", -1);
                int line = 0;
                while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                    line++;
                }
                fail(p + " drifted from the code at line " + (line + 1) + ":\n  committed: "
                        + (line < a.length ? a[line].trim() : "<end>") + "\n  generated: "
                        + (line < b.length ? b[line].trim() : "<end>")
                        + "\nIf the change is intended, regenerate (see VectorsDriftTest) and review the diff.");
            }
        }
        try (Stream<Path> files = Files.list(COMMITTED)) {
            TreeSet<String> present = new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).toList());
            assertEquals(new TreeSet<>(generated.keySet()), present, "stale or missing files in " + COMMITTED);
        }
    }

    @Test
    void generationIsAPureFunctionOfTheCode() {
        assertEquals(generated, VectorWriter.generate(ExampleCatalog::standard));
    }

    @Test
    void everyFileNamesItsProducerAndTolerance() {
        for (Map.Entry<String, String> e : generated.entrySet()) {
            JsonNode root = SpecParser.readTree(e.getValue());
            assertEquals(VectorWriter.FORMAT, root.get("format").asText(), e.getKey());
            assertEquals(OracleVersion.PRODUCER, root.get("producer").asText(), e.getKey());
            assertTrue(root.get("tolerance").has("relative") && root.get("tolerance").has("absolute"), e.getKey());
            assertTrue(!root.get("checked_against").asText().isBlank(), e.getKey());
        }
    }

    @Test
    void optimizerVectorsAreRunTrajectoriesThatReadBack() {
        JsonNode root = SpecParser.readTree(generated.get("optimizers.json"));
        int n = 0;
        for (JsonNode v : root.get("vectors")) {
            Trajectory t = TrajectoryJson.read(v.get("trajectory"));
            Trajectory again = Runner.run(io.github.dlref.verify.oracle.spec.SpecParser.parse(v.get("spec")));
            CheckReport r = Comparer.compare(again, t, Tolerance.EXACT);
            assertEquals(0L, r.failures(), v.get("name").asText());
            assertTrue(r.firstDifference().isEmpty(), v.get("name").asText());
            n++;
        }
        assertEquals(VectorWriter.optimizerConfigs().size() + VectorWriter.trainingToolConfigs().size(), n);
        // every configuration is its own vector: a repeated or lost configuration (two vectors under one name)
        // fails here
        List<String> names = new ArrayList<>();
        root.get("vectors").forEach(v -> names.add(v.get("name").asText()));
        assertEquals(n, new HashSet<>(names).size(), "vector names repeat: " + names);
    }
}
