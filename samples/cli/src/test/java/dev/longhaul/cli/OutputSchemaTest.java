package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real outputs of {@code ab} and {@code run} against the JSON Schemas in docs/schema. */
class OutputSchemaTest {

    @TempDir
    Path dir;

    @Test
    void abWritesReportsJournalsAndAComparisonThatHoldToTheirSchemas() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0,q4_0", "--turns",
                "4", "--quiet", "--output-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        OutputSchemas.assertValid(OutputSchemas.COMPARISON, dir.resolve("comparison.json"));
        for (String kv : List.of("f16", "q8_0", "q4_0")) {
            OutputSchemas.assertValid(OutputSchemas.REPORT, dir.resolve(kv + ".json"));
            OutputSchemas.assertEveryLineValid(OutputSchemas.CHECKPOINT, dir.resolve(kv + ".turns.jsonl"));
        }

        ObjectNode broken = (ObjectNode) OutputSchemas.read(dir.resolve("comparison.json"));
        ((ObjectNode) broken.get("summary").get("arms").get(1)).put("verdict_kind", "maybe");
        broken.remove("longhaul_comparison");
        assertEquals(2, OutputSchemas.COMPARISON.validate(broken).size(), "the schema can fail: "
                + OutputSchemas.COMPARISON.validate(broken));
    }

    @Test
    void aRunWithNoAnsweredTurnHoldsToTheSchemaAndStrictJsonWritesNullForNaN() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "3",
                "--quiet", "--free-running", "--strict-json", "--retries", "0", "--backend-option",
                "fail_turns=1,2,3", "--output-dir", dir.toString());
        assertEquals(Main.EXIT_INCOMPLETE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("longhaul: f16, q8_0 answered no turn: the study cannot judge those arms"),
                r.err());
        for (String file : List.of("comparison.json", "f16.json", "q8_0.json")) {
            assertFalse(Files.readString(dir.resolve(file)).contains("NaN"), file);
        }
        OutputSchemas.assertValid(OutputSchemas.COMPARISON, dir.resolve("comparison.json"));
        OutputSchemas.assertValid(OutputSchemas.REPORT, dir.resolve("q8_0.json"));
        OutputSchemas.assertEveryLineValid(OutputSchemas.CHECKPOINT, dir.resolve("q8_0.turns.jsonl"));
        assertTrue(OutputSchemas.read(dir.resolve("q8_0.json")).get("summary").get("avg_quality_score").isNull());
    }
}
