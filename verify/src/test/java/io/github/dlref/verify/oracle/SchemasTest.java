package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.oracle.spec.Spec;
import io.github.dlref.verify.oracle.spec.SpecParser;
import io.github.dlref.verify.oracle.spec.SpecSchema;
import io.github.dlref.verify.oracle.spec.SpecWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas in {@code docs/schemas/}: the spec schema is exactly the one generated from the parser's
 * table (regenerate with {@code -Ddlref.vectors.update=true}); every file the oracle writes validates against
 * its schema; and the validator rejects a broken file (so the checks can fail).
 */
class SchemasTest {

    static final Path DIR = Path.of("..", "docs", "schemas");

    static MiniSchemaValidator schema(String name) throws Exception {
        return new MiniSchemaValidator(SpecParser.readTree(Files.readString(DIR.resolve(name))));
    }

    static void valid(String schemaName, JsonNode instance) throws Exception {
        List<String> problems = schema(schemaName).validate(instance);
        assertTrue(problems.isEmpty(), schemaName + ": " + problems);
    }

    @Test
    void specSchemaIsGeneratedFromTheParserTable() throws Exception {
        String generated = SpecWriter.pretty(SpecSchema.generate());
        Path committed = DIR.resolve("spec.schema.json");
        if (Boolean.getBoolean("dlref.vectors.update")) {
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
                "docs/schemas/spec.schema.json drifted from SpecSchema; regenerate with -Ddlref.vectors.update=true");
    }

    @Test
    void specsValidateAndBrokenSpecsDoNot() throws Exception {
        JsonNode optimizers = SpecParser.readTree(VectorWriter.generate(ExampleCatalog::standard).get("optimizers.json"));
        for (JsonNode v : optimizers.get("vectors")) {
            valid("spec.schema.json", v.get("spec"));
            valid("trajectory.schema.json", v.get("trajectory"));
        }
        Spec every = io.github.dlref.verify.oracle.spec.SpecWriterTest.everyKind();
        ObjectNode tree = SpecWriter.toTree(every);
        valid("spec.schema.json", tree);
        ((ObjectNode) tree.get("optimizer")).put("beta", 0.9);
        assertFalse(schema("spec.schema.json").validate(tree).isEmpty());
        ObjectNode outOfRange = SpecWriter.toTree(every);
        ((ObjectNode) outOfRange.get("optimizer")).putArray("betas").add(0.9).add(1.0);
        assertEquals(List.of("$.optimizer: matches 0 of oneOf (expected exactly 1)"),
                schema("spec.schema.json").validate(outOfRange));
    }

    @Test
    void everyVectorFileValidates() throws Exception {
        for (Map.Entry<String, String> e : VectorWriter.generate(ExampleCatalog::standard).entrySet()) {
            String kind = e.getKey().replace(".json", "");
            valid("vectors-" + kind + ".schema.json", SpecParser.readTree(e.getValue()));
        }
    }

    @Test
    void reportsValidate() throws Exception {
        Spec spec = SpecParser.parse(SpecParser.readTree(VectorWriter.generate(ExampleCatalog::standard)
                .get("optimizers.json")).get("vectors").get(0).get("spec"));
        Trajectory ours = Runner.run(spec);
        valid("trajectory.schema.json", TrajectoryJson.write(ours));
        valid("check-report.schema.json", ReportJson.check(Comparer.compare(ours, ours, Tolerance.DEFAULT)));
        valid("diagnose-report.schema.json", ReportJson.diagnose(Diagnoser.diagnose(spec, ours, Tolerance.DEFAULT)));
    }
}
