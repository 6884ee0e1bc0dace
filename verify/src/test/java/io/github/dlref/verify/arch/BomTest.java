package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bill of materials ({@code bom/pom.xml}) pins exactly the project's modules at the project's version,
 * and nothing else: no parent (whose dependency management would be imported with it) and no artifact outside
 * {@code io.github.dlref}. Read from the POM files, so a module added to the reactor and forgotten in the BOM
 * fails here.
 */
class BomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern GROUP = Pattern.compile("<groupId>([^<]+)</groupId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

    private static String read(String relative) throws IOException {
        return Files.readString(SourceImportRules.projectRoot().resolve(relative));
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String section(String text, String tag) {
        int from = text.indexOf("<" + tag + ">");
        int to = text.indexOf("</" + tag + ">");
        assertTrue(from >= 0 && to > from, "no <" + tag + "> section");
        return text.substring(from, to);
    }

    @Test
    void theBomPinsEveryModuleAndNothingElse() throws IOException {
        String parent = read("pom.xml");
        String bom = read("bom/pom.xml");
        List<String> expected = new ArrayList<>();
        for (String module : all(MODULE, section(parent, "modules"))) {
            if (!module.equals("bom")) {
                expected.add("dlref-" + module);
                assertTrue(Files.isRegularFile(SourceImportRules.projectRoot().resolve(module).resolve("pom.xml")),
                        module);
            }
        }
        assertTrue(expected.contains("dlref-train") && expected.contains("dlref-cli"), expected.toString());
        String managed = section(bom, "dependencyManagement");
        List<String> pinned = all(ARTIFACT, managed);
        assertEquals(expected.size(), pinned.size(), "each module pinned once: " + pinned);
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(pinned));
        for (String group : all(GROUP, managed)) {
            assertEquals("io.github.dlref", group);
        }
        for (String version : all(VERSION, managed)) {
            assertEquals("${project.version}", version);
        }
        assertFalse(bom.contains("<parent>"), "the BOM must not inherit dlref-parent's dependency management");
    }

    @Test
    void theBomHasTheProjectVersion() throws IOException {
        String parent = read("pom.xml");
        String bom = read("bom/pom.xml");
        String parentHead = parent.substring(0, parent.indexOf("<modules>"));
        String bomHead = bom.substring(0, bom.indexOf("<dependencyManagement>"));
        assertEquals(all(VERSION, parentHead).get(0), all(VERSION, bomHead).get(0));
        assertTrue(bom.contains("<licenses>") && bom.contains("<scm>") && bom.contains("<developers>"),
                "the BOM carries the metadata Maven Central requires");
    }
}
