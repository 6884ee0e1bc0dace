package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use as a library" snippet is the code the library-consumer project runs: the lines between
 * {@code // README:start} and {@code // README:end} of {@code IrisExample.java}, without their method-body
 * indentation, equal the README's Java block between the {@code library-example} markers. The consumer
 * project itself is built and tested by {@code ./mvnw verify} (maven-invoker-plugin in {@code cli}).
 */
class ReadmeSnippetTest {

    static final Path EXAMPLE = Path.of("examples", "library-consumer", "src", "main", "java", "com", "example",
            "consumer", "IrisExample.java");

    static List<String> between(List<String> lines, String start, String end) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.contains(end) && inside) {
                return out;
            }
            if (inside) {
                out.add(line);
            }
            if (line.contains(start)) {
                inside = true;
            }
        }
        throw new AssertionError("markers " + start + " ... " + end + " not found in order");
    }

    @Test
    void theReadmeSnippetIsTheConsumersCode() throws IOException {
        Path root = SourceImportRules.projectRoot();
        List<String> readme = between(Files.readAllLines(root.resolve("README.md")), "<!-- library-example:start",
                "<!-- library-example:end");
        assertEquals("```java", readme.get(0));
        assertEquals("```", readme.get(readme.size() - 1));
        List<String> snippet = readme.subList(1, readme.size() - 1);
        List<String> code = new ArrayList<>();
        for (String line : between(Files.readAllLines(root.resolve(EXAMPLE)), "// README:start", "// README:end")) {
            assertTrue(line.isEmpty() || line.startsWith("        "), () -> "not in the method body: " + line);
            code.add(line.isEmpty() ? line : line.substring(8));
        }
        assertEquals(code, snippet);
        assertTrue(snippet.size() <= 25, "the README's example stays short: " + snippet.size() + " lines");
    }
}
