package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnScore;
import dev.longhaul.testing.ScriptedBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scorer that fails costs the turn its score, not the answer the backend was paid for. */
class ScorerFailureTest {

    @TempDir
    Path dir;

    /** The seed's scorer, except on turn 2, where it throws. */
    private static final Scorer THROWS_ON_TURN_2 = Scorer.named("throws-on-2", input -> {
        if (input.turn() == 2) {
            throw new IllegalStateException("no rule for\nthis answer");
        }
        return new HeuristicScorer().score(input);
    });

    /** The seed's scorer, except on turn 2, where its metrics leave out the quality score. */
    private static final Scorer NO_SCORE_ON_TURN_2 = Scorer.named("partial", input -> input.turn() == 2
            ? new TurnScore(Map.of("response_length", input.response().length()))
            : new HeuristicScorer().score(input));

    private SessionBuilder session(ScriptedBackend backend, Scorer scorer) {
        return LongSession.builder().backend(backend, "scripted").turns(4).historyWindow(5).delay(Duration.ZERO)
                .saveResponses(true).scorer(scorer);
    }

    @Test
    void aScorerThatThrowsIsAScorerFailureAndTheAnswerIsKept() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport report = session(backend, THROWS_ON_TURN_2).run();

        assertEquals(List.of(1, 3, 4), report.turnMetrics().stream().map(TurnMetrics::turn).toList());
        FailedTurn failed = report.failedTurns().get(0);
        assertEquals(FailureKind.SCORER, failed.kind());
        assertEquals("scorer throws-on-2 failed: no rule for this answer", failed.message());
        String answer = backend.requests().get(2).messages().get(3).content();
        assertEquals(answer, failed.response(), "the answer of turn 2, which turn 3 was sent in its history");
        assertEquals(4, report.responses().size(), "saved with the others");
        assertEquals(4, backend.requests().size(), "never asked again");
        assertNull(report.config().extra().get("stopped_early"));
        assertEquals("throws-on-2", report.config().extra().get("scorer"));
    }

    @Test
    void metricsWithoutAQualityScoreAreAScorerFailure() throws Exception {
        SessionReport report = session(ScriptedBackend.healthy(), NO_SCORE_ON_TURN_2).run();

        assertEquals(FailureKind.SCORER, report.failedTurns().get(0).kind());
        assertEquals("scorer partial failed: the metrics have no quality_score", report.failedTurns().get(0).message());
        assertEquals(3, report.turnMetrics().size());
    }

    @Test
    void theReportAndTheJournalKeepTheAnswerAndAResumedRunRestoresIt() throws Exception {
        Path journal = dir.resolve("run.turns.jsonl");
        SessionReport whole = session(ScriptedBackend.healthy(), THROWS_ON_TURN_2).checkpoint(journal).run();
        Path file = dir.resolve("run.json");
        ReportCodec.write(whole, file);
        JsonNode entry = new ObjectMapper().readTree(Files.readString(file)).path("failed_turns").get(0);
        assertEquals("scorer", entry.path("kind").asText());
        assertEquals(whole.failedTurns().get(0).response(), entry.path("response").asText());
        assertEquals(whole.failedTurns(), ReportCodec.read(file).failedTurns());

        // interrupted after turn 2: the journal's start line and two turns
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 3));
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport resumed = LongSession.builder().resume(journal).backend(backend, "scripted")
                .scorer(THROWS_ON_TURN_2).run();

        assertEquals(whole.failedTurns(), resumed.failedTurns());
        assertEquals(whole.responses().subList(0, 2), resumed.responses().subList(0, 2), "both restored");
        assertEquals(2, backend.requests().size(), "turns 3 and 4 only");
        assertTrue(backend.requests().get(0).messages().stream()
                        .anyMatch(m -> m.content().equals(whole.failedTurns().get(0).response())),
                "turn 3 sees the kept answer of turn 2 in its history, as in the uninterrupted run");
    }

    @Test
    void withoutSavedResponsesTheReportKeepsNoAnswerButTheJournalDoesForTheResumedHistory() throws Exception {
        Path journal = dir.resolve("unsaved.turns.jsonl");
        ScriptedBackend first = ScriptedBackend.healthy();
        SessionReport whole = session(first, THROWS_ON_TURN_2).saveResponses(false).checkpoint(journal).run();
        Path file = dir.resolve("unsaved.json");
        ReportCodec.write(whole, file);

        assertEquals(FailureKind.SCORER, whole.failedTurns().get(0).kind());
        assertNull(whole.failedTurns().get(0).response(), "no answer in a report that saves no responses");
        assertTrue(whole.responses().isEmpty());
        JsonNode entry = new ObjectMapper().readTree(Files.readString(file)).path("failed_turns").get(0);
        assertTrue(entry.path("response").isMissingNode(), entry.toString());
        String answer = first.requests().get(2).messages().get(3).content();
        JsonNode journalled = new ObjectMapper().readTree(Files.readAllLines(journal).get(2));
        assertEquals(answer, journalled.path("response").asText(), "the journal keeps it for a resumed history");

        Files.write(journal, Files.readAllLines(journal).subList(0, 3));
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport resumed = LongSession.builder().resume(journal).backend(backend, "scripted")
                .scorer(THROWS_ON_TURN_2).run();

        assertEquals(whole.failedTurns(), resumed.failedTurns());
        assertTrue(backend.requests().get(0).messages().stream().anyMatch(m -> m.content().equals(answer)),
                "turn 3 still sees turn 2's answer in its history");
    }
}
