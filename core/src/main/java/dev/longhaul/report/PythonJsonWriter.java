package dev.longhaul.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of plain Java values byte for byte as Python's {@code json.dump(value, f, indent=2)} writes it, so
 * that a report written here is indistinguishable from one the seed wrote; {@link #writeLine(Object)} writes
 * Python's one-line {@code json.dumps(value)} (for JSON Lines).
 *
 * <p>Python's style: two-space indentation with every array element and object entry on its own line, {@code ","}
 * between items and {@code ": "} between key and value (one-line: {@code ", "} and {@code ": "}), {@code {}} and
 * {@code []} for empty containers, no trailing newline, and {@code ensure_ascii}: every character outside {@code ' '..'~'} escaped, as {@code \n},
 * {@code \r}, {@code \t}, {@code \b}, {@code \f} or lower-case {@code \}{@code u00e9}, characters beyond the BMP as
 * surrogate pairs. Floats are written as {@link PythonFormat#jsonNumber(double)}, so {@code 1.0} stays
 * {@code 1.0} and integers stay integers.
 *
 * <p>Accepted values: {@link Map} with {@link String} keys (written in iteration order), {@link List},
 * {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger},
 * {@link Double}, {@link Float} and null.
 */
public final class PythonJsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private PythonJsonWriter() {
    }

    /**
     * The JSON text of a value.
     *
     * @param value the value tree
     * @return the text, without a trailing newline
     * @throws IllegalArgumentException when the tree holds an unsupported type or a non-string key
     */
    public static String write(Object value) {
        return text(value, true);
    }

    /**
     * The JSON text of a value as {@link #write(Object)} writes it, but strict JSON: {@code null} where Python would
     * write {@code NaN}, {@code Infinity} or {@code -Infinity} (for example the mean quality of a run with no
     * answered turn), so that parsers that follow RFC 8259 read it.
     *
     * @param value the value tree
     * @return the text, without a trailing newline
     * @throws IllegalArgumentException when the tree holds an unsupported type or a non-string key
     */
    public static String writeStrict(Object value) {
        return text(finite(value), true);
    }

    /** A copy of the tree with every non-finite float replaced by null. */
    private static Object finite(Object value) {
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, finite(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(v -> copy.add(finite(v)));
            return copy;
        }
        return value;
    }

    /**
     * The one-line JSON text of a value, as Python's {@code json.dumps(value)} writes it:
     * {@code {"turn": 1, "scores": [0.5, 1.0]}}.
     *
     * @param value the value tree
     * @return the text, without a trailing newline
     * @throws IllegalArgumentException when the tree holds an unsupported type or a non-string key
     */
    public static String writeLine(Object value) {
        return text(value, false);
    }

    /**
     * Writes the JSON text of a value (the writer is flushed, not closed).
     *
     * @param value the value tree
     * @param out   where to write
     * @throws IOException              when writing fails
     * @throws IllegalArgumentException when the tree holds an unsupported type or a non-string key
     */
    public static void write(Object value, Writer out) throws IOException {
        write(value, out, true);
    }

    private static String text(Object value, boolean indented) {
        StringWriter out = new StringWriter();
        try {
            write(value, out, indented);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(Object value, Writer out, boolean indented) throws IOException {
        // A Writer-backed generator hands every UTF-16 unit to the escapes on its own, which gives Python's
        // surrogate pairs; a byte-stream generator would merge them into one code point.
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(new PythonLayout(indented));
            generator.setCharacterEscapes(new EnsureAscii());
            writeValue(generator, value);
        }
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(PythonFormat.jsonNumber(((Number) value).doubleValue()));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof Map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object key " + entry.getKey() + " is not a string");
                }
                generator.writeFieldName((String) entry.getKey());
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List) {
            generator.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /** Python's {@code indent=2} layout, or its one-line default; stateful, so one per generator. */
    private static final class PythonLayout implements PrettyPrinter {

        private final boolean indented;
        private int depth;

        PythonLayout(boolean indented) {
            this.indented = indented;
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            // one root value per document
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            open(g, '{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            beforeItems(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            betweenItems(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            close(g, entries, '}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            open(g, '[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            beforeItems(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            betweenItems(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            close(g, values, ']');
        }

        private void open(JsonGenerator g, char bracket) throws IOException {
            g.writeRaw(bracket);
            depth++;
        }

        private void beforeItems(JsonGenerator g) throws IOException {
            if (indented) {
                newLine(g);
            }
        }

        private void betweenItems(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (indented) {
                newLine(g);
            } else {
                g.writeRaw(' ');
            }
        }

        private void close(JsonGenerator g, int items, char bracket) throws IOException {
            depth--;
            if (indented && items > 0) {
                newLine(g);
            }
            g.writeRaw(bracket);
        }

        private void newLine(JsonGenerator g) throws IOException {
            g.writeRaw("\n" + "  ".repeat(depth));
        }
    }

    /** Python's {@code ensure_ascii=True} escaping, lower-case hex included. */
    private static final class EnsureAscii extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final int[] ASCII_CODES = new int[128];

        static {
            for (int c = 0; c < 128; c++) {
                boolean printable = c >= ' ' && c <= '~' && c != '"' && c != '\\';
                ASCII_CODES[c] = printable ? ESCAPE_NONE : ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII_CODES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(escape(ch));
        }

        private static String escape(int ch) {
            switch (ch) {
                case '"':
                    return "\\\"";
                case '\\':
                    return "\\\\";
                case '\n':
                    return "\\n";
                case '\r':
                    return "\\r";
                case '\t':
                    return "\\t";
                case '\b':
                    return "\\b";
                case '\f':
                    return "\\f";
                default:
                    if (Character.isSupplementaryCodePoint(ch)) {
                        return unicodeEscape(Character.highSurrogate(ch)) + unicodeEscape(Character.lowSurrogate(ch));
                    }
                    return unicodeEscape(ch);
            }
        }

        private static String unicodeEscape(int unit) {
            return String.format("\\u%04x", unit);
        }
    }
}
