package io.github.dlref.verify.certificate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The synthetic vectors file {@code tiny.json} and its certificate {@code tiny.cert.json} (test resources of this
 * package): an elementwise family (U = 1; one value 1 ulp off), a reduction with a scaled bound (U = 0, K = 1;
 * 0.1 + 0.2 + 0.3 summed left to right is 1 ulp off and within 2 u sum|x|), a framework-order family (a value 2
 * ulps off that equals its framework-order double), a NaN, a key with a slash, an entry without certified fields
 * and a second top-level array.
 */
final class Tiny {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Tiny() {
    }

    static String text(String name) {
        try (InputStream in = Tiny.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(text(name));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode vectors() {
        return tree("tiny.json");
    }

    static Certificate certificate() {
        return CertificateReader.read("tiny.cert.json", text("tiny.cert.json"));
    }

    /** The certificate after a change to its JSON tree. */
    static Certificate certificate(Consumer<ObjectNode> change) {
        ObjectNode root = tree("tiny.cert.json");
        change.accept(root);
        return CertificateReader.read("tiny.cert.json", root.toString());
    }

    static ObjectNode entry(ObjectNode cert, int i) {
        return (ObjectNode) cert.get("entries").get(i);
    }

    static ObjectNode value(ObjectNode cert, int entry, int i) {
        return (ObjectNode) ((ArrayNode) entry(cert, entry).get("values")).get(i);
    }

    static ObjectNode family(ObjectNode cert, String name) {
        return (ObjectNode) cert.get("families").get(name);
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
