package dev.longhaul.cli.realservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.openai.managed.LaunchOptions;
import dev.longhaul.backend.openai.managed.ManagedLlamaServer;
import dev.longhaul.cli.CliTest;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.testing.Checkout;
import dev.longhaul.testing.LlamaCppTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longhaul run --backend llama-server} against a real upstream llama-server on loopback, serving the bundled
 * model with a 1024-token context (one thread, so that the client keeps a core): what the recordings showed, now
 * from the server itself. Skipped, saying so, without the binary.
 */
class RealUpstreamRunTest {

    private static final int CONTEXT = 1024;

    @TempDir
    static Path serverDir;

    private static ManagedLlamaServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        Path binary = LlamaCppTool.UPSTREAM_SERVER.find().orElse(null);
        if (binary != null) {
            server = ManagedLlamaServer.start(binary, Checkout.bundledModel(), "f16",
                    LaunchOptions.defaults(serverDir.resolve("f16.server.log")).withContextSize(CONTEXT)
                            .withSeed(42L).withThreads(1));
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamedAndNonStreamedRunsRecordTheServersTimingsAndFacts() {
        requireServer();
        SessionReport streamed = run("streamed.json", "--stream");
        SessionReport plain = run("plain.json", "--no-stream");

        for (SessionReport report : new SessionReport[] {streamed, plain}) {
            assertEquals(2, report.turnMetrics().size(), report.failedTurns().toString());
            assertEquals(CONTEXT, ((Number) report.config().extra().get("context_size")).intValue());
            Map<?, ?> facts = (Map<?, ?>) report.config().extra().get("backend_info");
            assertEquals(CONTEXT, ((Number) facts.get("server_n_ctx")).intValue(), "GET /props n_ctx");
            assertEquals(4096, ((Number) facts.get("n_ctx_train")).intValue(), "GET /v1/models meta.n_ctx_train");
            assertEquals("tiny-code-chat.gguf", facts.get("model_id"));
            assertEquals("tiny-code-chat.gguf", report.config().model());
            assertEquals(Checkout.bundledModel().toString(), facts.get("model_path"));
            assertEquals("b0-unknown", facts.get("build_info"), "a build made outside git");
            assertEquals(1, ((Number) facts.get("total_slots")).intValue());
            for (TurnMetrics t : report.turnMetrics()) {
                int generated = t.number("tokens_generated").intValue();
                assertTrue(generated > 0 && generated <= 16, "turn " + t.turn() + ": " + generated);
                assertEquals(generated, t.number("server_predicted_n").intValue(), "timings.predicted_n");
                assertEquals(t.number("prompt_eval_count").intValue(),
                        t.number("server_cache_n").intValue() + t.number("server_prompt_n").intValue(),
                        "prompt tokens = timings.cache_n + timings.prompt_n");
                assertTrue(t.number("server_prompt_ms").doubleValue() > 0);
                assertTrue(t.number("server_predicted_per_second").doubleValue() > 0);
            }
        }
        TurnMetrics firstStreamed = streamed.turnMetrics().get(0);
        assertTrue(firstStreamed.values().containsKey("ttft_s"), "streaming measures the time to the first token");
        assertFalse(plain.turnMetrics().get(0).values().containsKey("ttft_s"));
        assertEquals(streamed.responses().get(0).response(), plain.responses().get(0).response(),
                "greedy: the first answer is the same streamed or not");
        assertTrue(streamed.turnMetrics().get(1).number("cached_prompt_tokens").intValue() > 0,
                "the second turn reuses the first turn's prompt from the slot's cache");
    }

    @Test
    void aPromptPastTheContextIsAFailedTurnWithTheServersMessageAndIsNotScored() throws Exception {
        requireServer();
        // Each prompt is about 650 tokens: the first fits in 1024, the second with the first in its history does not.
        String longPrompt = "Refactor the RateLimiter class so that it uses a token bucket. ".repeat(45);
        Path script = Files.writeString(dir.resolve("long.json"), "{\"name\": \"past-the-context\", \"phases\": "
                + "[{\"phase\": \"long\", \"turns\": [\"" + longPrompt + "\", \"" + longPrompt + "\"]}]}");

        // Not streamed: llama-server closes the connection after a streamed answer, and the next request may then
        // need a second attempt on a new connection (HttpTransportTest), which would blur "a 400 is not retried".
        SessionReport report = run("long.json.out", "--script", script.toString(), "--no-stream");

        assertEquals(1, report.turnMetrics().size());
        assertEquals(1, report.turnMetrics().get(0).turn());
        FailedTurn failed = report.failedTurns().get(0);
        assertEquals(2, failed.turn());
        assertEquals(FailureKind.CONTEXT_EXCEEDED, failed.kind());
        assertEquals(1, failed.attempts(), "a 400 is not retried");
        assertTrue(failed.message().matches("llama-server at http://127\\.0\\.0\\.1:\\d+/v1/chat/completions answered "
                + "HTTP 400: request \\(1\\d{3} tokens\\) exceeds the available context size \\(1024 tokens\\), try "
                + "increasing it"), failed.message());
        assertEquals(1, report.summary().failedTurns());
        assertEquals(1, report.responses().size(), "only the answered turn is saved and scored");
    }

    private SessionReport run(String file, String... extra) {
        Path output = dir.resolve(file);
        String[] base = {"run", "--backend", "llama-server", "--url", server.baseUrl().toString(), "--turns", "2",
                "--max-tokens", "16", "--temperature", "0", "--delay", "0", "--save-responses", "--quiet",
                "--no-checkpoint", "-o", output.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        CliTest.Result r = CliTest.longhaul(args);
        assertEquals(0, r.code(), r.out() + r.err());
        return ReportCodec.read(output);
    }

    private static void requireServer() {
        LlamaCppTool.UPSTREAM_SERVER.require();
        assertTrue(server != null && server.isAlive(), "the upstream llama-server is running");
    }
}
