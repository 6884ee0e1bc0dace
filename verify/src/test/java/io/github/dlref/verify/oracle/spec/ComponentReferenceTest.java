package io.github.dlref.verify.oracle.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The component reference in {@code docs/oracle-format.md} (between the {@code generated:components}
 * markers) is generated from the parser's table, so the documentation lists exactly the types, settings,
 * kinds, ranges and defaults the parser accepts. Regenerate with {@code -Ddlref.vectors.update=true}.
 */
class ComponentReferenceTest {

    static final Path DOC = Path.of("..", "docs", "oracle-format.md");
    static final String BEGIN = "<!-- generated:components (ComponentReferenceTest) -->";
    static final String END = "<!-- end generated:components -->";

    static String reference() {
        StringBuilder sb = new StringBuilder();
        for (String family : Catalog.FAMILIES) {
            sb.append("\n#### `").append(family).append("` types\n\n");
            sb.append("| type | what it computes | setting | value | default | meaning |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (ComponentType t : Catalog.family(family).values()) {
                if (t.fields().isEmpty()) {
                    sb.append("| `").append(t.name()).append("` | ").append(t.description()).append(" | | | | |\n");
                    continue;
                }
                boolean first = true;
                for (Field f : t.fields()) {
                    sb.append("| ").append(first ? "`" + t.name() + "`" : "").append(" | ")
                            .append(first ? t.description() : "").append(" | `").append(f.name()).append("` | ")
                            .append(f.kind().expected()).append(" | ")
                            .append(f.required() ? "**required**" : f.defaultValue() == null ? "see meaning"
                                    : "`" + f.defaultValue() + "`")
                            .append(" | ").append(f.description().replace("|", "\\|")).append(" |\n");
                    first = false;
                }
            }
        }
        return sb.toString().replace("<", "&lt;");
    }

    @Test
    void docListsEveryComponentTypeAndSetting() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertTrue(b >= 0 && e > b, "markers missing in " + DOC);
        String expected = doc.substring(0, b + BEGIN.length()) + "\n" + reference() + "\n" + doc.substring(e);
        if (Boolean.getBoolean("dlref.vectors.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertEquals(expected, doc, "the component reference in docs/oracle-format.md is out of date");
    }
}
