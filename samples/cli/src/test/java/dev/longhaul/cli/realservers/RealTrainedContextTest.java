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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both real llama-servers started with {@code -c 8192}, twice the bundled model's trained context of 4096 tokens, and
 * a conversation whose second prompt (about 4500 tokens) goes past it. Upstream caps its slot at the trained context
 * ("the slot context (8192) exceeds the training context of the model (4096) - capping") and refuses the second
 * prompt; the TurboQuant fork keeps 8192 ("using rope scaling to extend") and answers it. What longhaul records for
 * each: the trained context, the slot context, and the turn past the trained context. Skipped, saying so, without
 * the binaries.
 */
class RealTrainedContextTest {

    private static final int REQUESTED = 8192;
    private static final int TRAINED = 4096;

    @TempDir
    Path dir;

    @Test
    void upstreamCapsTheSlotAtTheTrainedContextAndRefusesTheTurnPastIt() throws Exception {
        SessionReport report = run(LlamaCppTool.UPSTREAM_SERVER.require(), "upstream");

        assertContexts(report, TRAINED);
        assertEquals(REQUESTED, backendFacts(report).get("context_size_configured"), "the -c it was asked for");
        assertEquals(1, report.turnMetrics().size());
        FailedTurn past = report.failedTurns().get(0);
        assertEquals(2, past.turn());
        assertEquals(FailureKind.CONTEXT_EXCEEDED, past.kind());
        assertTrue(past.message().matches(".*answered HTTP 400: request \\(4\\d{3} tokens\\) exceeds the available "
                + "context size \\(4096 tokens\\), try increasing it"), past.message());
        assertTrue(Files.readString(dir.resolve("upstream.server.log")).contains("- capping"));
    }

    @Test
    void theForkKeepsTheLargerSlotAnswersTheTurnPastTheTrainedContextAndItIsMarked() throws Exception {
        SessionReport report = run(LlamaCppTool.TURBO_SERVER.require(), "fork");

        assertContexts(report, REQUESTED);
        assertFalse(backendFacts(report).containsKey("context_size_configured"), "it runs the -c it was asked for");
        assertEquals(0, report.failedTurns().size(), report.failedTurns().toString());
        TurnMetrics inside = report.turnMetrics().get(0);
        TurnMetrics past = report.turnMetrics().get(1);
        assertTrue(inside.number("prompt_eval_count").intValue() < TRAINED);
        assertEquals(null, inside.values().get("past_trained_context"));
        assertTrue(past.number("prompt_eval_count").intValue() > TRAINED, past.values().toString());
        assertEquals(true, past.values().get("past_trained_context"));
        assertEquals(null, past.values().get("context_pressure"), "the 8192-token slot had room");
        assertTrue(Files.readString(dir.resolve("fork.server.log")).contains("using rope scaling to extend"));
    }

    @Test
    void anAbOfForkArmsPastTheTrainedContextNamesEachArmAndItsTurn() throws Exception {
        Path fork = LlamaCppTool.TURBO_SERVER.require();
        CliTest.Result r = CliTest.longhaul("ab", "--server-bin", fork.toString(), "--model-file",
                Checkout.bundledModel().toString(), "--kv-types", "f16,q8_0", "--script", script("ab").toString(),
                "--turns", "2", "--max-tokens", "8", "--fidelity-top-k", "0", "--context-size", Integer.toString(REQUESTED), "--threads", "1",
                "--quiet", "--output-dir", dir.resolve("ab").toString());
        assertEquals(0, r.code(), r.out() + r.err());

        for (String arm : new String[] {"f16", "q8_0"}) {
            assertTrue(r.out().contains("Warning: " + arm + ": turn 2 went past the model's trained context (4096 "
                    + "tokens): answers there are extrapolation, not an effect of the KV cache"), r.out());
        }
        assertTrue(r.out().contains("; turn 2 past the model's trained context"), "in the pull-request sentence\n"
                + r.out());
        String comparison = Files.readString(dir.resolve("ab/comparison.json"));
        assertTrue(comparison.contains("\"past_trained_context_turns\": [\n          2\n        ]"), comparison);
    }

    /** Trained context 4096 from {@code /v1/models}, the slot's from {@code /props}, both in the report's config. */
    private static void assertContexts(SessionReport report, int slot) {
        Map<?, ?> facts = backendFacts(report);
        assertEquals(TRAINED, ((Number) facts.get("n_ctx_train")).intValue());
        assertEquals(TRAINED, ((Number) report.config().extra().get("context_train")).intValue());
        assertEquals(slot, ((Number) facts.get("server_n_ctx")).intValue());
        assertEquals(slot, ((Number) report.config().extra().get("context_size")).intValue());
    }

    private static Map<?, ?> backendFacts(SessionReport report) {
        return (Map<?, ?>) report.config().extra().get("backend_info");
    }

    /** A script of two prompts of about 2250 tokens each: the second turn, carrying the first, goes past 4096. */
    private Path script(String name) throws Exception {
        String prompt = "Refactor the RateLimiter class so that it uses a token bucket. ".repeat(160);
        return Files.writeString(dir.resolve(name + ".script.json"), "{\"name\": \"past-the-trained-context\", "
                + "\"phases\": [{\"phase\": \"long\", \"turns\": [\"" + prompt + "\", \"" + prompt + "\"]}]}");
    }

    /** Two turns of about 2250 prompt tokens each (the second carries the first), 8 answer tokens, greedy. */
    private SessionReport run(Path binary, String name) throws Exception {
        Path script = script(name);
        Path output = dir.resolve(name + ".json");
        LaunchOptions options = LaunchOptions.defaults(dir.resolve(name + ".server.log")).withContextSize(REQUESTED)
                .withSeed(42L).withThreads(1);
        try (ManagedLlamaServer server = ManagedLlamaServer.start(binary, Checkout.bundledModel(), "f16", options)) {
            CliTest.Result r = CliTest.longhaul("run", "--backend", "llama-server", "--url",
                    server.baseUrl().toString(), "--script", script.toString(), "--turns", "2", "--max-tokens", "8", "--context-size", Integer.toString(REQUESTED),
                    "--temperature", "0", "--delay", "0", "--no-stream", "--quiet", "--no-checkpoint", "-o",
                    output.toString());
            assertEquals(0, r.code(), r.out() + r.err());
        }
        return ReportCodec.read(output);
    }
}
