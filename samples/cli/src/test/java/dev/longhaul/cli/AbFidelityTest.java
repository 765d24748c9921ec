package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ab --shared-history --temperature 0} on the bundled model: token fidelity in the reports and comparison. */
class AbFidelityTest {

    @TempDir
    Path dir;

    @Test
    void sharedHistoryGreedyArmsGetFidelityPerTurnAndPerRun() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--shared-history", "--temperature", "0", "--kv-types",
                "f16,q8_0,q4_0", "--turns", "2", "--max-tokens", "24", "--threads", "2", "--output-dir",
                dir.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(
                "Token fidelity of q4_0 against f16 (baseline's answers forced, top-100, 2 turns"), r.out());
        assertTrue(r.out().contains("  Same top p: "), r.out());
        for (String kv : new String[] {"q8_0", "q4_0"}) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            for (TurnMetrics t : report.turnMetrics()) {
                assertTrue(t.number("forced_tokens").intValue() > 0, kv + " turn " + t.turn());
                assertTrue(t.number("kld_mean").doubleValue() >= 0, kv + " turn " + t.turn());
                assertTrue(t.values().containsKey("first_divergence_token"), "greedy: departure reported");
            }
        }
        for (TurnMetrics t : ReportCodec.read(dir.resolve("f16.json")).turnMetrics()) {
            assertFalse(t.values().containsKey("kld_mean"), "the baseline is not measured against itself");
        }
        JsonNode fidelity = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile()).path("token_fidelity");
        for (String kv : new String[] {"q8_0", "q4_0"}) {
            JsonNode run = fidelity.path(kv).path(0);
            assertEquals(2, run.path("turns").asInt(), fidelity.toString());
            assertEquals(100, run.path("top_k").asInt());
            assertEquals(2, run.path("per_turn").size());
            assertTrue(run.path("kld_mean_ci95").isNull(), "2 turns: too few for an interval over turns");
            assertEquals("too few turns for an interval (2 < 10)", run.path("interval_note").asText());
        }
        assertTrue(fidelity.path("q4_0").path(0).path("kld_max").asDouble() > 0, "q4_0 moves some position");
    }

    @Test
    void withoutSharedHistoryOrWithKZeroThereAreNoFidelityFigures() {
        CliTest.Result r = CliTest.longhaul("ab", "--shared-history", "--fidelity-top-k", "0", "--temperature", "0",
                "--kv-types", "f16,q8_0", "--turns", "1", "--max-tokens", "8", "--threads", "2", "--output-dir",
                dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("Token fidelity"), r.out());
        assertFalse(ReportCodec.read(dir.resolve("q8_0.json")).turnMetrics().get(0).values().containsKey("kld_mean"));
    }
}
