package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.cli.CliTest;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longhaul run} in a JVM of its own, killed (SIGKILL) or terminated (SIGTERM) mid-run, then resumed
 * in-process from its checkpoint: the resumed report measures exactly what an uninterrupted run against the same
 * deterministic server measures, and no turn the checkpoint had was asked again.
 */
class KillAndResumeTest {

    private static final int TURNS = 12;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DeterministicChatServer server;
    private static SessionReport uninterrupted;

    @BeforeAll
    static void runOnceWithoutInterruption() {
        server = DeterministicChatServer.start();
        Path report = shared.resolve("uninterrupted.json");
        CliTest.Result r = longhaul(runArgs(report));
        assertEquals(0, r.code(), r.err());
        uninterrupted = ReportCodec.read(report);
        assertEquals(TURNS, uninterrupted.turnMetrics().size());
        assertEquals(TURNS, server.requestsPerPrompt().size(), "the first 12 prompts are distinct");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aKilledRunResumesToTheUninterruptedReportWithoutAskingAJournalledTurnAgain() throws Exception {
        server.reset();
        server.pace(Duration.ofMillis(30));
        server.holdAfter(8); // the child cannot finish before it is killed
        Path report = dir.resolve("run.json");
        Path checkpoint = dir.resolve("run.turns.jsonl");
        CliProcess cli = CliProcess.start(dir, Map.of(), List.of(), runArgs(report));

        cli.awaitWhileRunning("4 journalled turns", () -> Files.exists(checkpoint)
                && FaultRun.journal(checkpoint).size() >= 4);
        cli.process().destroyForcibly();
        cli.exitCode();

        List<JsonNode> journalled = FaultRun.journal(checkpoint);
        assertTrue(journalled.size() >= 4 && journalled.size() < TURNS, journalled.size() + " journalled turns");
        assertFalse(Files.exists(report), "a killed run writes no report");
        Map<String, Integer> askedBeforeKill = server.requestsPerPrompt();
        server.reset();

        CliTest.Result resumed = longhaul("run", "--resume", checkpoint.toString(), "--quiet");

        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("Resuming " + checkpoint), resumed.out());
        Measurements.assertSame(uninterrupted, ReportCodec.read(report));
        assertEachTurnAskedOnce(journalled, askedBeforeKill, server.requestsPerPrompt());
    }

    @Test
    void sigtermWritesTheReportOfTheCompletedTurnsExitsNonZeroAndTheRunResumes() throws Exception {
        server.reset();
        server.holdAfter(3); // turn 4 is in flight when the signal comes
        Path report = dir.resolve("run.json");
        Path checkpoint = dir.resolve("run.turns.jsonl");
        CliProcess cli = CliProcess.start(dir, Map.of(), List.of(), runArgs(report));

        cli.awaitWhileRunning("turn 4's request", () -> server.chatRequests() == 4);
        cli.process().destroy();
        int code = cli.exitCode();

        assertEquals(143, code, "128 + SIGTERM; stderr:\n" + cli.stderrText());
        SessionReport partial = ReportCodec.read(report);
        assertEquals(List.of(1, 2, 3), partial.turnMetrics().stream().map(TurnMetrics::turn).toList());
        assertEquals(List.of(), partial.failedTurns(), "the turn in flight is not a failure");
        assertEquals("interrupted during turn 4", partial.config().extra().get("stopped_early"));
        assertEquals(uninterrupted.responses().subList(0, 3), partial.responses());
        assertTrue(cli.stderrText().contains("longhaul: run stopped early: interrupted during turn 4"),
                cli.stderrText());
        List<JsonNode> journalled = FaultRun.journal(checkpoint);
        assertEquals(3, journalled.size());
        Map<String, Integer> askedBeforeSignal = server.requestsPerPrompt();
        server.reset();

        CliTest.Result resumed = longhaul("run", "--resume", checkpoint.toString(), "--quiet");

        assertEquals(0, resumed.code(), resumed.err());
        Measurements.assertSame(uninterrupted, ReportCodec.read(report));
        assertEachTurnAskedOnce(journalled, askedBeforeSignal, server.requestsPerPrompt());
    }

    private static List<String> runArgs(Path report) {
        return List.of("run", "--backend", "llama-server", "--url", server.baseUrl().toString(),
                "--turns", String.valueOf(TURNS), "--delay", "0", "--timeout", "5", "--retries", "0",
                "--save-responses", "--quiet", "-o", report.toString());
    }

    /**
     * Each journalled turn was asked once before the interruption and never after; every other turn was asked
     * exactly once by the resumed run.
     */
    private static void assertEachTurnAskedOnce(List<JsonNode> journalled, Map<String, Integer> before,
                                                Map<String, Integer> afterResume) {
        Set<String> done = journalled.stream().map(l -> l.path("prompt").asText()).collect(Collectors.toSet());
        for (SavedResponse turn : uninterrupted.responses()) {
            String prompt = turn.prompt();
            if (done.contains(prompt)) {
                assertEquals(1, before.getOrDefault(prompt, 0), "turn " + turn.turn() + " before the interruption");
                assertEquals(0, afterResume.getOrDefault(prompt, 0), "journalled turn " + turn.turn() + " asked again");
            } else {
                assertEquals(1, afterResume.getOrDefault(prompt, 0), "turn " + turn.turn() + " in the resumed run");
            }
        }
        assertEquals(TURNS - journalled.size(), afterResume.values().stream().mapToInt(Integer::intValue).sum(),
                "requests of the resumed run: " + afterResume);
    }

    static CliTest.Result longhaul(List<String> args) {
        return CliTest.longhaul(args.toArray(String[]::new));
    }

    static CliTest.Result longhaul(String... args) {
        return CliTest.longhaul(args);
    }
}
