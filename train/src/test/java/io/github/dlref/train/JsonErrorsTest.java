package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jackson's errors become one line with a JSON path and no Java class name, location or reference chain: the
 * messages a hostile {@code checkpoint.json} or model file used to show ({@code Unrecognized field "evil" (class
 * io.github.dlref...ModelConfig)}, {@code at [Source: UNKNOWN...]}) are checked here for each kind of error.
 */
class JsonErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MODEL = "{\"hidden\":[8,4],\"activation\":\"RELU\",\"dropout\":0.0,"
            + "\"batchNorm\":false,\"init\":\"PYTORCH\"}";

    private static String mapped(String json) throws JsonProcessingException {
        JsonNode tree = JSON.readTree(json);
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.treeToValue(tree, ModelConfig.class));
        return clean(JsonErrors.describe(e, "$.model"));
    }

    private static String clean(String message) {
        assertFalse(message.contains("io.github") || message.contains("java.") || message.contains("[Source")
                || message.contains("class ") || message.contains("reference chain") || message.contains("\n"),
                message);
        return message;
    }

    @Test
    void theMappedModelConfigIsValid() throws JsonProcessingException {
        assertEquals(List.of(8, 4), JSON.treeToValue(JSON.readTree(MODEL), ModelConfig.class).hidden());
    }

    @Test
    void anUnknownKeyNamesItsPathAndTheKnownKeys() throws JsonProcessingException {
        String m = mapped(MODEL.replace("{", "{\"evil\":1,"));
        assertTrue(m.startsWith("$.model.evil: unknown key \"evil\" (known: "), m);
        assertTrue(m.contains("activation") && m.contains("hidden"), m);
    }

    @Test
    void aWrongTypeNamesThePathAndWhatWasExpected() throws JsonProcessingException {
        assertEquals("$.model.hidden[1]: expected an integer, got \"abc\"", mapped(MODEL.replace("8,4", "8,\"abc\"")));
        assertEquals("$.model.dropout: expected a number, got \"x\"", mapped(MODEL.replace("0.0", "\"x\"")));
        assertEquals("$.model.activation: expected one of \"RELU\", \"TANH\", \"SIGMOID\", \"LEAKY_RELU\", \"GELU\", "
                + "\"GELU_TANH\", \"ELU\", \"SELU\", \"SILU\", \"SOFTPLUS\", \"HARDTANH\"",
                mapped(MODEL.replace("\"RELU\"", "\"EVIL\"")).replaceFirst(", got \"EVIL\"", ""));
        String list = mapped(MODEL.replace("[8,4]", "{\"a\":1}"));
        assertTrue(list.startsWith("$.model.hidden: expected an array"), list);
        String bool = mapped(MODEL.replace("false", "[1]"));
        assertTrue(bool.startsWith("$.model.batchNorm: expected true or false"), bool);
    }

    @Test
    void aValueTheRecordRefusesGivesTheRecordsMessage() throws JsonProcessingException {
        String m = mapped(MODEL.replace("\"dropout\":0.0", "\"dropout\":1.5"));
        assertTrue(m.startsWith("$.model: ") && m.contains("dropout"), m);
    }

    @Test
    void syntaxErrorsGiveLineAndColumnWithoutTheSource() {
        for (String text : List.of("{\"a\": [1, 2", "{\"a\" 1}", "{\"a\": tru}", "{\"a\": \"\u0001\"}", "[}")) {
            JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readTree(text));
            assertTrue(e.getMessage().contains("[Source") || e.getMessage().contains("\n"), e.getMessage());
            String m = clean(JsonErrors.describe(e, "$"));
            assertTrue(m.matches("\\$: not valid JSON at line 1, column [0-9]+: .+"), m);
        }
    }

    @Test
    void cleaningRemovesLocationsClassNamesAndLineBreaks() {
        assertEquals("Unexpected end-of-input: expected close marker for Object",
                JsonErrors.clean("Unexpected end-of-input: expected close marker for Object (start marker at "
                        + "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, "
                        + "column: 1])\n at [Source: REDACTED; line: 1, column: 12]"));
        assertEquals("Unrecognized field \"evil\", not marked as ignorable",
                JsonErrors.clean("Unrecognized field \"evil\" (class io.github.dlref.train.ModelConfig), not marked "
                        + "as ignorable (through reference chain: io.github.dlref.train.ModelConfig[\"evil\"])"));
        assertEquals("Cannot deserialize value of type int from String",
                JsonErrors.clean("Cannot deserialize value of type `int` from String"));
        assertEquals("Cannot construct instance of ModelConfig",
                JsonErrors.clean("Cannot construct instance of `io.github.dlref.train.ModelConfig`"));
        assertEquals("", JsonErrors.clean(null));
        assertEquals("a b", JsonErrors.clean("  a\r\n   b \n"));
    }

    @Test
    void expectedTypesAreSaidInJsonWords() {
        assertEquals("an integer", JsonErrors.expected(long.class));
        assertEquals("an integer", JsonErrors.expected(Integer.class));
        assertEquals("a number", JsonErrors.expected(double.class));
        assertEquals("a number", JsonErrors.expected(Float.class));
        assertEquals("true or false", JsonErrors.expected(Boolean.class));
        assertEquals("a string", JsonErrors.expected(String.class));
        assertEquals("an array", JsonErrors.expected(int[].class));
        assertEquals("an array", JsonErrors.expected(List.class));
        assertEquals("an object", JsonErrors.expected(Map.class));
        assertEquals("an object", JsonErrors.expected(DataFile.class));
        assertEquals("one of \"IRIS\", \"SPIRAL\", \"FASHION_MNIST\", \"CSV\"", JsonErrors.expected(DataSource.class));
        assertEquals("a value of another type", JsonErrors.expected(Object.class));
    }
}
