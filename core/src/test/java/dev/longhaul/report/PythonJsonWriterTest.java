package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonWriterTest {

    /** Expected text printed by Python 3.11: json.dumps(value, indent=2) for the same value. */
    @Test
    void writesWhatJsonDumpsWritesWithIndentTwo() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("d", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of());
        value.put("b", Map.of());
        value.put("c", List.of(1, List.of(2, Map.of()), d));
        value.put("e", "\u00e9\uD83D\uDE00\u0000\u001f\u007f\"\\\\/\b\f\n\r\t~ ");
        value.put("f", 1.0);
        value.put("g", new BigInteger("100000000000000000000"));
        value.put("h", Double.NaN);
        value.put("i", true);
        value.put("j", -0.0);
        value.put("k", 1e-7);

        assertEquals("{\n"
                + "  \"a\": [],\n"
                + "  \"b\": {},\n"
                + "  \"c\": [\n"
                + "    1,\n"
                + "    [\n"
                + "      2,\n"
                + "      {}\n"
                + "    ],\n"
                + "    {\n"
                + "      \"d\": null\n"
                + "    }\n"
                + "  ],\n"
                + "  \"e\": \"\\u00e9\\ud83d\\ude00\\u0000\\u001f\\u007f\\\"\\\\\\\\/\\b\\f\\n\\r\\t~ \",\n"
                + "  \"f\": 1.0,\n"
                + "  \"g\": 100000000000000000000,\n"
                + "  \"h\": NaN,\n"
                + "  \"i\": true,\n"
                + "  \"j\": -0.0,\n"
                + "  \"k\": 1e-07\n"
                + "}", PythonJsonWriter.write(value));
    }

    @Test
    void writesScalarsAndEmptyContainersAtTheTop() {
        assertEquals("[]", PythonJsonWriter.write(List.of()));
        assertEquals("{}", PythonJsonWriter.write(Map.of()));
        assertEquals("\"x\"", PythonJsonWriter.write("x"));
        assertEquals("[\n  null,\n  7\n]", PythonJsonWriter.write(Arrays.asList(null, 7L)));
    }

    /** Expected text printed by Python 3.11: json.dumps(value) for the same value. */
    @Test
    void writesWhatJsonDumpsWritesOnOneLine() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("turn", 1);
        value.put("scores", List.of(0.5, 1.0, List.of(), Map.of()));
        value.put("note", "caf\u00e9\n");
        value.put("none", null);
        assertEquals("{\"turn\": 1, \"scores\": [0.5, 1.0, [], {}], \"note\": \"caf\\u00e9\\n\", \"none\": null}",
                PythonJsonWriter.writeLine(value));
    }

    @Test
    void escapesKeysLikeValues() {
        assertEquals("{\n  \"caf\\u00e9\": 1\n}", PythonJsonWriter.write(Map.of("caf\u00e9", 1)));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PythonJsonWriter.write(List.of(new Object())));
        assertEquals("cannot write a java.lang.Object as JSON", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PythonJsonWriter.write(Map.of(1, 2)));
    }
}
