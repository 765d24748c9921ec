package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.ReportCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ab} on the bundled model in-process (the default design): the summary first, with the KV cache memory
 * llama.cpp logged for each arm and the measured speeds, the same figures in comparison.json, and a breached gate.
 */
class AbSummaryTest {

    @TempDir
    Path dir;

    @Test
    void theSummaryComesFirstWithMeasuredMemoryAndSpeedAndABreachedMaxKldExitsThree() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q4_0", "--turns", "2", "--max-tokens", "16",
                "--threads", "2", "--quiet", "--max-kld", "0", "--output-dir", dir.toString());

        assertEquals(Main.EXIT_GATE_BREACHED, r.code(), r.out() + r.err());
        List<String> breaches = r.err().lines().filter(l -> l.startsWith("longhaul: gate")).toList();
        assertEquals(1, breaches.size(), r.err());
        assertTrue(breaches.get(0).startsWith("longhaul: gate breached: q4_0: --max-kld: mean KLD "), breaches.get(0));

        String out = r.out();
        int summary = out.indexOf("SUMMARY (shared history, baseline f16)");
        assertTrue(summary >= 0 && summary < out.indexOf("QUALITY COMPARISON: f16 vs q4_0"), "summary first\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("f16 +\\| 24\\.0 +\\| [0-9.]+ +\\| [0-9.]+ +\\| .*baseline")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches("q4_0 +\\| 6\\.75 \\(\u221272 %\\) +\\| [0-9.]+ \\([+\u2212]?[0-9]+ "
                + "%\\) +\\| [0-9.]+ \\(.*")), "q4_0's KV cache as llama.cpp logged it\n" + out);
        assertTrue(out.contains("  q4_0: KV \u221272 % (24.0 \u2192 6.75 MiB), decode "), out);

        JsonNode doc = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile());
        assertEquals("summary", doc.fieldNames().next(), "the summary first in comparison.json too");
        assertEquals(1, doc.get("longhaul_comparison").asInt());
        JsonNode f16 = doc.get("summary").get("arms").get(0);
        JsonNode q4 = doc.get("summary").get("arms").get(1);
        assertEquals(24.0, f16.get("kv_cache").get("mib").asDouble());
        assertEquals(6144.0, f16.get("kv_cache").get("bytes_per_cell").asDouble());
        assertEquals("llama.cpp log", f16.get("kv_cache").get("source").asText());
        assertEquals(6.75, q4.get("kv_cache").get("mib").asDouble());
        assertEquals(28.125, q4.get("kv_cache").get("percent_of_baseline").asDouble(), 1e-9);
        assertTrue(q4.get("decode_tokens_per_s").get("median").asDouble() > 0, q4.toString());
        assertTrue(q4.get("prefill_tokens_per_s").get("median").asDouble() > 0, q4.toString());
        assertEquals("client", q4.get("decode_tokens_per_s").get("source").asText());
        assertEquals(32, q4.get("tokens_generated").asInt(), "2 turns of 16 tokens");
        assertEquals(doc.get("comparisons").get(0).get("fidelity").get("kld_mean").asDouble(),
                q4.get("kld_mean").asDouble(), "the comparison's pooled fidelity, not a figure of its own");
        assertEquals(doc.get("comparisons").get(0).get("verdict_kind").asText(), q4.get("verdict_kind").asText());
        assertTrue(out.contains(q4.get("sentence").asText()), "the same sentence in both outputs");

        assertEquals(2, ReportCodec.read(dir.resolve("q4_0.json")).responses().size(), "ab saves answers by default");
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains(q4.get("sentence").asText().replace("\u2192", "&rarr;"))
                || page.contains(q4.get("sentence").asText()), "the sentence on the page");
    }

    @Test
    void gatesAreTheResumingCommandsNotTheStudys() {
        CliTest.Result first = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "4",
                "--quiet", "--max-kld", "0.5", "--output-dir", dir.toString());
        assertEquals(Main.EXIT_GATE_INCONCLUSIVE, first.code(), "the scripted backend cannot be forced: no fidelity");

        CliTest.Result resumed = CliTest.longhaul("ab", "--resume", dir.toString(), "--quiet");
        assertEquals(0, resumed.code(), "no gate given now\n" + resumed.err());
        CliTest.Result gated = CliTest.longhaul("ab", "--resume", dir.toString(), "--quiet", "--fail-on-regression");
        assertEquals(Main.EXIT_GATE_INCONCLUSIVE, gated.code(), gated.err());
        assertTrue(gated.err().contains("longhaul: gate inconclusive: q8_0: --fail-on-regression: the verdict is "
                + "inconclusive: "), gated.err());
    }

    @Test
    void noSaveResponsesDropsTheAnswers() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "3",
                "--quiet", "--no-save-responses", "--output-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(ReportCodec.read(dir.resolve("q8_0.json")).responses().isEmpty());
        assertFalse(Files.readString(dir.resolve("comparison.json")).contains("NaN"));
    }
}
