package dev.longhaul.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seed-generated expectations under {@code src/test/resources/parity/reports} (see the README there). */
public final class ParityResources {

    private static final String DIR = "/parity/reports/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ParityResources() {
    }

    /** @return the index of cases and comparison pairs */
    public static JsonNode index() {
        return json("index.json");
    }

    /**
     * @param name a file under parity/reports
     * @return its text (UTF-8)
     */
    public static String text(String name) {
        try (InputStream in = ParityResources.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a JSON file under parity/reports
     * @return its tree
     */
    public static JsonNode json(String name) {
        try {
            return MAPPER.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a report file under parity/reports
     * @return the report read with {@link ReportCodec}
     */
    public static SessionReport report(String name) {
        try (InputStream in = ParityResources.class.getResourceAsStream(DIR + name)) {
            return ReportCodec.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param field an index field holding a list of names
     * @return the names
     */
    public static List<String> names(String field) {
        List<String> names = new ArrayList<>();
        index().get(field).forEach(node -> names.add(node.isTextual() ? node.asText() : node.get("name").asText()));
        if (names.isEmpty()) {
            throw new IllegalStateException("no parity cases under " + field);
        }
        return names;
    }
}
