package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.http.replay.Recording;
import dev.longhaul.http.replay.ReplayServer;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full 50-turn {@code longhaul run} against a loopback server that answers every turn with real llama-server
 * bytes (recorded exchange 10: a streamed answer of 847 tokens with usage and timings).
 */
class LlamaServerRunTest {

    private static final String FIXTURES = "/fixtures/llama-server/";

    @TempDir
    Path dir;

    @Test
    void fiftyTurnRunAgainstReplayedLlamaServerWritesAFullReport() throws Exception {
        Path output = dir.resolve("f16.json");
        try (ReplayServer server = ReplayServer.start()) {
            server.route("POST", "/v1/chat/completions", Recording.fromClasspath(FIXTURES + "10-chat-stream").reply());
            server.route("GET", "/props", Recording.fromClasspath(FIXTURES + "02-props").reply());
            server.route("GET", "/v1/models", Recording.fromClasspath(FIXTURES + "03-v1-models").reply());

            CliTest.Result r = CliTest.longhaul("run", "--backend", "llama-server", "--url", server.baseUrl().toString(),
                    "--turns", "50", "--delay", "0", "--save-responses", "-o", output.toString());

            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("[Turn 50/50] Phase: iteration    | score="), r.out());
            List<String> paths = server.requests().stream().map(q -> q.path()).filter(p -> p.startsWith("/v1/chat")).toList();
            assertEquals(50, paths.size());
            assertTrue(server.connectionCount() <= 3, "keep-alive: " + server.connectionCount() + " connections");
            // the last request carried the 20-turn history window: 40 messages + the prompt
            String lastBody = server.requests().stream().filter(q -> q.path().startsWith("/v1/chat"))
                    .reduce((a, b) -> b).orElseThrow().bodyText();
            assertEquals(41, lastBody.split("\"role\":").length - 1);
        }

        SessionReport report = ReportCodec.read(output);
        assertEquals(50, report.turnMetrics().size());
        assertEquals(0, report.failedTurns().size());
        TurnMetrics first = report.turnMetrics().get(0);
        assertEquals(847, first.number("tokens_generated").intValue());
        assertEquals(53, first.number("prompt_eval_count").intValue());
        assertTrue(first.number("tokens_per_s").doubleValue() > 0);
        assertTrue(first.values().containsKey("ttft_s"));
        assertEquals("stop", first.values().get("finish_reason"));
        assertEquals("llama-server", report.config().backend());
        assertEquals(4096, ((Number) report.config().extra().get("context_size")).intValue());
        // every turn got the same recorded answer; identical answers score alike within a phase's prompts
        assertEquals(50, report.responses().size());
        assertTrue(Files.readString(output).endsWith("\"longhaul_report\": 1\n}"));

        Comparison self = Comparison.of(report, report);
        assertEquals("No significant quality difference", self.verdict());
    }

    @Test
    void llamaServerArmsOfAnAbRunAreComparedAndSaved() throws Exception {
        try (ReplayServer f16 = ReplayServer.start(); ReplayServer q8 = ReplayServer.start()) {
            f16.route("POST", "/v1/chat/completions", Recording.fromClasspath(FIXTURES + "05-chat-single").reply());
            q8.route("POST", "/v1/chat/completions", Recording.fromClasspath(FIXTURES + "20-q8_0-chat-single").reply());
            Path out = dir.resolve("ab");
            CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q8_0",
                    "--urls", f16.baseUrl() + "," + q8.baseUrl(), "--turns", "6", "--no-stream", "--quiet",
                    "--output-dir", out.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("QUALITY COMPARISON: f16 vs q8_0"), r.out());
            assertEquals(List.of("comparison.json", "f16.json", "f16.turns.jsonl", "q8_0.json", "q8_0.turns.jsonl",
                    "report.html", "study.json"),
                    Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
            SessionReport q8Report = ReportCodec.read(out.resolve("q8_0.json"));
            assertEquals(6, q8Report.turnMetrics().size());
            assertEquals(157, q8Report.turnMetrics().get(0).number("tokens_generated").intValue());
            assertEquals(847, ReportCodec.read(out.resolve("f16.json")).turnMetrics().get(0).number("tokens_generated").intValue());
            assertTrue(Files.readString(out.resolve("comparison.json")).contains("\"baseline\": \"f16\""));
        }
    }
}
