package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import dev.longhaul.session.TurnListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real session of a fault test: a {@link LongSession} over a real backend against a loopback server, with a
 * checkpoint, no delay between turns and the responses saved; then what its report and its checkpoint hold.
 *
 * @param report     the report
 * @param checkpoint the checkpoint file
 * @param journal    the checkpoint's turn lines (after its start line)
 * @param wall       how long the run took
 */
record FaultRun(SessionReport report, Path checkpoint, List<JsonNode> journal, Duration wall) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** llama-server settings for fault tests: 1 s timeouts, 1 retry. */
    static BackendConfig.Builder llamaServer(URI url, boolean stream) {
        return BackendConfig.builder("llama-server").baseUrl(url).option(HttpOptions.STREAM, stream)
                .timeout(Duration.ofSeconds(1))
                .option(HttpOptions.CONNECT_TIMEOUT, Duration.ofSeconds(1)).option(HttpOptions.MAX_RETRIES, 1);
    }

    /** Ollama settings for fault tests: 1 s timeouts, 1 retry. */
    static BackendConfig.Builder ollama(URI url, boolean stream) {
        return BackendConfig.builder("ollama").model("qwen2.5-coder:7b").baseUrl(url).option(HttpOptions.STREAM, stream)
                .timeout(Duration.ofSeconds(1)).option(HttpOptions.CONNECT_TIMEOUT, Duration.ofSeconds(1))
                .option(HttpOptions.MAX_RETRIES, 1);
    }

    static FaultRun play(Path dir, BackendConfig config, int turns, TurnListener... listeners) throws Exception {
        Path checkpoint = dir.resolve("run.turns.jsonl");
        SessionBuilder session = LongSession.builder().backend(config).turns(turns).delay(Duration.ZERO)
                .saveResponses(true).checkpoint(checkpoint);
        for (TurnListener l : listeners) {
            session.listener(l);
        }
        long start = System.nanoTime();
        SessionReport report = session.run();
        return new FaultRun(report, checkpoint, journal(checkpoint), Duration.ofNanos(System.nanoTime() - start));
    }

    /** @return the turn lines of a checkpoint: every complete line after the start line */
    static List<JsonNode> journal(Path checkpoint) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            String text = Files.readString(checkpoint);
            String[] all = text.split("\n", -1);
            // the last element is what follows the last newline: empty, or a torn line that is not journalled
            for (int i = 1; i < all.length - 1; i++) {
                lines.add(JSON.readTree(all[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    FailedTurn failed(int turn) {
        return report.failedTurns().stream().filter(f -> f.turn() == turn).findFirst()
                .orElseThrow(() -> new AssertionError("turn " + turn + " did not fail: " + report.failedTurns()));
    }

    TurnMetrics answered(int turn) {
        return report.turnMetrics().stream().filter(m -> m.turn() == turn).findFirst()
                .orElseThrow(() -> new AssertionError("turn " + turn + " was not answered; failed: "
                        + report.failedTurns()));
    }

    String response(int turn) {
        return report.responses().stream().filter(r -> r.turn() == turn).map(SavedResponse::response).findFirst()
                .orElseThrow(() -> new AssertionError("no saved response for turn " + turn));
    }

    /**
     * Nothing lost: each of the turns is in the report exactly once, answered or failed, the run did not stop early,
     * and the checkpoint journals every turn in order, as the report has it (same answer, same failure).
     */
    FaultRun assertNothingLost(int turns) {
        assertNull(report.config().extra().get("stopped_early"), "the run stopped early");
        assertEquals(turns, journal.size(), "checkpoint lines: " + journal);
        for (int turn = 1; turn <= turns; turn++) {
            int t = turn;
            long answers = report.turnMetrics().stream().filter(m -> m.turn() == t).count();
            long failures = report.failedTurns().stream().filter(f -> f.turn() == t).count();
            assertEquals(1, answers + failures, "turn " + turn + " is in the report " + (answers + failures) + " times");
            JsonNode line = journal.get(turn - 1);
            assertEquals(turn, line.path("turn").asInt(), "checkpoint line " + turn);
            if (answers == 1) {
                assertEquals("turn", line.path("type").asText(), "checkpoint line of answered turn " + turn);
                assertEquals(response(turn), line.path("response").asText(), "journalled answer of turn " + turn);
            } else {
                FailedTurn f = failed(turn);
                assertEquals("failed", line.path("type").asText(), "checkpoint line of failed turn " + turn);
                assertEquals(f.kind().jsonName(), line.path("kind").asText());
                assertEquals(f.message(), line.path("message").asText());
                assertEquals(f.attempts(), line.path("attempts").asInt());
            }
        }
        assertTrue(report.responses().size() == report.turnMetrics().size(), "a failed turn has no saved answer");
        return this;
    }

    /** Fails unless the turn failed with this kind after this many attempts, with a message containing each part. */
    FaultRun assertFailed(int turn, String kind, int attempts, String... messageParts) {
        FailedTurn f = failed(turn);
        assertEquals(kind, f.kind().jsonName(), f.message());
        assertEquals(attempts, f.attempts(), f.message());
        for (String part : messageParts) {
            if (!f.message().contains(part)) {
                fail("turn " + turn + " message lacks '" + part + "': " + f.message());
            }
        }
        assertEquals(1, f.message().lines().count(), "one line: " + f.message());
        return this;
    }
}
