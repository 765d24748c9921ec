package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.longhaul.testing.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas of docs/schema, to check real outputs against. */
final class OutputSchemas {

    /** Reads Python's NaN as a number, as the seed's reports hold it. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static final Schema REPORT = load("report.schema.json");
    static final Schema COMPARISON = load("comparison.schema.json");
    static final Schema CHECKPOINT = load("checkpoint.schema.json");

    private OutputSchemas() {
    }

    private static Schema load(String name) {
        try {
            return REGISTRY.getSchema(JSON.readTree(Checkout.root().resolve("docs/schema").resolve(name).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the file (one JSON document) holds to the schema, listing every violation. */
    static void assertValid(Schema schema, Path file) {
        try {
            assertValid(schema, JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that every line of a JSON Lines file holds to the schema. */
    static void assertEveryLineValid(Schema schema, Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                assertValid(schema, JSON.readTree(lines.get(i)), file + " line " + (i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(Schema schema, JsonNode node, String what) {
        List<Error> errors = schema.validate(node);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList(),
                what);
    }

    /** @return the node, for a test that breaks it on purpose */
    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
