package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real, short KV-cache A/B on the bundled model with the embedded llama.cpp backend: no server, no mock. */
class AbEmbeddedTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultDesignIsGreedySharedHistoryWithFidelityAndOneFlashAttentionSetting() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q8_0", "--turns", "10", "--max-tokens", "16",
                "--threads", "2", "--save-responses", "--quiet", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("QUALITY COMPARISON: f16 vs q8_0"), r.out());
        assertTrue(r.out().contains("Design: shared history, 1 run pair (seeds 42 | 42), 10 paired turns; the turn is "
                + "the unit"), r.out());
        assertTrue(r.out().contains("Token fidelity of q8_0 against f16 (baseline's answers forced, top-100, 10 turns"),
                r.out());
        assertTrue(r.out().contains("95% over turns ["), "10 turns: an interval over turns\n" + r.out());
        JsonNode c = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile()).get("comparisons").get(0);
        assertEquals("shared_history", c.get("design").asText());
        assertTrue(List.of("no_difference", "baseline_better", "compared_better").contains(c.get("verdict_kind").asText()),
                "a shared-history verdict with one run per arm: " + c);
        assertTrue(c.get("fidelity").get("kld_mean").asDouble() >= 0, c.toString());
        for (String kv : new String[] {"f16", "q8_0"}) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            assertEquals("f16", report.config().extra().get("shared_history_from"), kv);
            assertEquals(0.0, ((Number) report.config().extra().get("temperature")).doubleValue(), kv + ": greedy");
            assertEquals("on", ((java.util.Map<?, ?>) report.config().extra().get("backend_info"))
                    .get("flash_attention"), kv + ": every arm with the same flash-attention setting");
        }
    }

    @Test
    void f16AgainstQ8AnswersEveryTurnAppliesEachCacheTypeAndWritesTheComparison() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q8_0", "--turns", "3", "--max-tokens", "32",
                "--threads", "2", "--save-responses", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("QUALITY COMPARISON: f16 vs q8_0"), r.out());
        assertTrue(r.out().contains("Verdict: inconclusive: fewer than 10 paired turns"), r.out());
        for (String kv : new String[] {"f16", "q8_0"}) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            assertEquals("llamacpp", report.config().backend());
            assertEquals(kv, report.config().kvType(), "the report names the cache type that was applied");
            assertEquals(Boolean.TRUE, report.config().extra().get("kv_type_applied"));
            assertEquals(3, report.turnMetrics().size(), kv + ": every turn answered");
            assertEquals(0, report.failedTurns().size());
            report.responses().forEach(resp -> assertTrue(!resp.response().isBlank(), kv + " turn " + resp.turn()));
            assertEquals(42L, ((Number) report.config().extra().get("seed")).longValue());
        }
        String comparison = Files.readString(dir.resolve("comparison.json"));
        assertTrue(comparison.contains("\"baseline\": \"f16\""), comparison);
        assertTrue(comparison.contains("\"verdict\": "), comparison);
    }

    @Test
    void anUnknownCacheTypeIsOneLineNamingIt() {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q3_k", "--turns", "1", "--output-dir", dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("q3_k"), r.err());
    }

    @Test
    void aModelOfAnArchitectureTheBundledLlamaCppLacksIsOneLineWithTheWayOut() throws Exception {
        Path qwen3 = Files.write(dir.resolve("qwen3.gguf"), ggufHeader("qwen3"));
        CliTest.Result r = CliTest.longhaul("ab", "--model-file", qwen3.toString(), "--turns", "1",
                "--output-dir", dir.resolve("out").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("longhaul: llamacpp: model file " + qwen3 + " has architecture 'qwen3', which "
                + "the bundled llama.cpp (build 4916 in de.kherud:llama 4.2.0) cannot load; run it on a current "
                + "llama-server instead: ab --server-bin PATH/llama-server"), r.err());
    }

    /** A GGUF v3 header with no tensors and one metadata key, general.architecture. */
    private static byte[] ggufHeader(String architecture) {
        byte[] key = "general.architecture".getBytes(StandardCharsets.UTF_8);
        byte[] value = architecture.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + key.length + 4 + 8 + value.length)
                .order(ByteOrder.LITTLE_ENDIAN).put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0)
                .putLong(1).putLong(key.length).put(key).putInt(8).putLong(value.length).put(value).array();
    }
}
