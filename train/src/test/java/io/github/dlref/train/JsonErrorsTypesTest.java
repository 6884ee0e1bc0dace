package io.github.dlref.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonErrors}: every Java type a configuration holds said in JSON words, a long offending value shortened to
 * 40 characters, and a syntax error without a location.
 */
class JsonErrorsTypesTest {

    @Test
    void everyIntegerNumberBooleanAndTextTypeIsNamed() {
        for (Class<?> c : new Class<?>[] {int.class, Integer.class, long.class, Long.class, short.class, Short.class,
                byte.class, Byte.class}) {
            assertEquals("an integer", JsonErrors.expected(c), c.getName());
        }
        for (Class<?> c : new Class<?>[] {double.class, Double.class, float.class, Float.class}) {
            assertEquals("a number", JsonErrors.expected(c), c.getName());
        }
        assertEquals("true or false", JsonErrors.expected(boolean.class));
        for (Class<?> c : new Class<?>[] {String.class, char.class, Character.class}) {
            assertEquals("a string", JsonErrors.expected(c), c.getName());
        }
        assertEquals("an array", JsonErrors.expected(java.util.ArrayList.class));
        assertEquals("an object", JsonErrors.expected(java.util.TreeMap.class));
        assertEquals("one of \"CONSTANT\", \"STEP\", \"EXPONENTIAL\", \"INVERSE_TIME\", \"COSINE\", "
                + "\"INVERSE_TIME_STAIRCASE\", \"ONE_CYCLE\", \"COSINE_WARM_RESTARTS\", \"CYCLIC\", \"REDUCE_ON_PLATEAU\"",
                JsonErrors.expected(ScheduleKind.class));
        assertEquals("a value of another type", JsonErrors.expected(Number.class));
    }

    @Test
    void aLongValueIsShortenedAndASyntaxErrorWithoutLocationHasNone() throws JsonProcessingException {
        ObjectMapper json = new ObjectMapper();
        String x50 = "x".repeat(50);
        JsonNode tree = json.readTree("{\"hidden\":[8],\"activation\":\"RELU\",\"dropout\":\"" + x50 + "\","
                + "\"batchNorm\":false,\"init\":\"PYTORCH\"}");
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> json.treeToValue(tree, ModelConfig.class));
        // the shown text is the quoted value cut to 40 characters: a quote and 39 x
        assertEquals("$.model.dropout: expected a number, got \"" + "x".repeat(39) + "...",
                JsonErrors.describe(e, "$.model"));
        assertEquals("$: not valid JSON: broken", JsonErrors.describe(new JsonParseException(null, "broken"), "$"));
        assertEquals("JsonErrors.describe: root must not be null", assertThrows(NullPointerException.class,
                () -> JsonErrors.describe(new JsonParseException(null, "broken"), null)).getMessage());
    }
}
