package io.github.dlref.verify.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlref.verify.examples.ExampleCatalog;
import io.github.dlref.verify.oracle.VectorWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real certificates (issue 22) against the vectors the code generates ({@code VectorsDriftTest} checks that
 * the committed {@code vectors/} are those, certificates embedded): every certificate certifies its file (no drift,
 * ULPs as Java computes them, every value within its family's bound, every number of a certified field certified),
 * every required file has a certificate and {@code loader.json} holds only integers, and
 * {@code docs/certified-vectors.md} is the rendering of the certificates (regenerate it with
 * {@code -Ddlref.vectors.update=true}). The checks themselves are tested on synthetic files by
 * {@link CertificateCheckTest}.
 */
class CertificateTest {

    private static final Path ROOT = Path.of("..");
    private static final Path RESOURCES = ROOT.resolve(CertificateReader.SOURCE_DIR);
    private static Map<String, JsonNode> files;
    private static Map<String, Certificate> certificates;

    @BeforeAll
    static void load() throws IOException {
        files = new LinkedHashMap<>();
        VectorWriter.generate(ExampleCatalog::standard).forEach((name, text) -> files.put(name, Tiny.parse(text)));
        certificates = new LinkedHashMap<>();
        for (String name : files.keySet()) {
            String base = name.substring(0, name.length() - 5);
            CertificateReader.resource(base).ifPresent(c -> certificates.put(base, c));
        }
        if (Files.isDirectory(RESOURCES)) {
            try (Stream<Path> s = Files.list(RESOURCES)) {
                TreeSet<String> present = new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
                TreeSet<String> read = new TreeSet<>();
                certificates.keySet().forEach(n -> read.add(n + ".json"));
                assertEquals(present, read, "a certificate whose name is not a vectors file's, in " + RESOURCES);
            }
        }
    }

    @Test
    void everyCertificateCertifiesItsVectors() {
        List<String> problems = new ArrayList<>();
        certificates.forEach((name, c) -> problems.addAll(CertificateCheck.check(c, files.get(name + ".json"))));
        assertEquals(List.of(), problems.subList(0, Math.min(problems.size(), 40)),
                problems.size() + " problems");
    }

    @Test
    void theCertificatesOnlyAddLinesToTheVectors() {
        Map<String, String> with = VectorWriter.generate(ExampleCatalog::standard, true);
        VectorWriter.generate(ExampleCatalog::standard, false).forEach((name, text) -> {
            String[] now = with.get(name).split("\n", -1);
            String[] old = text.split("\n", -1);
            int i = 0;
            for (String line : now) {
                if (i < old.length && old[i].equals(line)) {
                    i++;
                }
            }
            assertEquals(old.length, i, name + ": the certificate changes line " + (i + 1) + " of the file");
        });
    }

    /** Fails until every required file's certificate is in (issue 22). */
    @Test
    void everyRequiredFileHasACertificateAndTheLoaderOnlyIntegers() {
        assertEquals(List.of(), CertificateCheck.files(files, certificates));
    }

    @Test
    void docsPageIsTheRenderingOfTheCertificates() throws IOException {
        List<String> names = new ArrayList<>(CertificateCheck.REQUIRED);
        certificates.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        String rendered = CertifiedVectorsMarkdown.render(names, certificates);
        Path committed = ROOT.resolve("docs/certified-vectors.md");
        if (Boolean.getBoolean("dlref.vectors.update")) {
            Files.writeString(committed, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(rendered, Files.readString(committed, StandardCharsets.UTF_8),
                "docs/certified-vectors.md drifted from the certificates; regenerate with -Ddlref.vectors.update=true");
    }
}
