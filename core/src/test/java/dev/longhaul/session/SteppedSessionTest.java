package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.ChatRequest;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.testing.ScriptedBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteppedSessionTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static SessionBuilder session(ScriptedBackend backend, List<TurnEvent> heard) {
        return LongSession.builder().backend(backend, "scripted").turns(8).historyWindow(3).delay(Duration.ZERO)
                .clock(FIXED).saveResponses(true).listener(heard::add);
    }

    @Test
    void playingEveryTurnGivesTheReportOfARun() throws Exception {
        SessionReport whole = session(ScriptedBackend.healthy(), new ArrayList<>()).run();
        List<TurnEvent> heard = new ArrayList<>();
        try (SteppedSession stepped = session(ScriptedBackend.healthy(), heard).build().start()) {
            for (ScriptedTurn turn : stepped.plan()) {
                assertTrue(stepped.play(turn).isPresent());
            }
            assertEquals(whole, stepped.finish());
            assertEquals(8, heard.size());
        }
    }

    @Test
    void anAsideAnswerIsScoredAndRecordedButKeptOutOfTheHistory() throws Exception {
        ScriptedBackend leadBackend = ScriptedBackend.healthy();
        ScriptedBackend otherBackend = new ScriptedBackend(Set.of(), 5, "q4_0");
        try (SteppedSession lead = session(leadBackend, new ArrayList<>()).build().start();
             SteppedSession other = session(otherBackend, new ArrayList<>()).build().start()) {
            for (ScriptedTurn turn : lead.plan()) {
                ChatRequest request = lead.request(turn);
                lead.play(turn);
                other.playAside(turn, request, (t, response) -> Map.of("extra_len", response.content().length(),
                        "quality_score", -1.0));
                assertTrue(other.request(turn).messages().size() == 1, "the other session's own history stays empty");
            }
            assertEquals(leadBackend.requests(), otherBackend.requests(), "both answered the same conversations");
            assertEquals(7, otherBackend.requests().get(7).messages().size(), "3 turns of the lead's history + prompt");
            SessionReport b = other.finish();
            assertEquals(8, b.turnMetrics().size());
            TurnMetrics last = b.turnMetrics().get(7);
            assertEquals(b.responses().get(7).response().length(), last.values().get("extra_len"));
            assertTrue(last.qualityScore() >= 0, "an extra metric never replaces the scorer's");
            List<String> keys = new ArrayList<>(last.values().keySet());
            assertEquals("extra_len", keys.get(keys.size() - 1), "extras come after the scorer's and backend's");
            assertTrue(b.summary().avgQualityScore() < lead.finish().summary().avgQualityScore());
        }
    }

    @Test
    void furtherMetricsThatFailLeaveTheAnswerAndItsScoreInPlace() throws Exception {
        try (SteppedSession lead = session(ScriptedBackend.healthy(), new ArrayList<>()).build().start();
             SteppedSession other = session(ScriptedBackend.healthy(), new ArrayList<>()).build().start()) {
            for (ScriptedTurn turn : lead.plan()) {
                ChatRequest request = lead.request(turn);
                lead.play(turn);
                other.playAside(turn, request, (t, response) -> {
                    throw new IllegalStateException("the other backend went away");
                });
            }
            SessionReport b = other.finish();
            assertEquals(8, b.turnMetrics().size(), "every answer kept");
            assertTrue(b.failedTurns().isEmpty(), b.failedTurns().toString());
            assertEquals(lead.finish().turnMetrics().stream().map(TurnMetrics::qualityScore).toList(),
                    b.turnMetrics().stream().map(TurnMetrics::qualityScore).toList(), "the same answers, scored alike");
        }
    }

    @Test
    void stopsAfterTooManyFailuresAndSaysWhy() throws Exception {
        ScriptedBackend failing = new ScriptedBackend(Set.of(2, 3), Integer.MAX_VALUE, null);
        try (SteppedSession s = session(failing, new ArrayList<>()).maxConsecutiveFailures(2).build().start()) {
            ScriptedTurn first = s.plan().get(0);
            s.play(first);
            s.play(s.plan().get(1));
            assertFalse(s.stoppedEarly().isPresent());
            s.play(s.plan().get(2));
            assertEquals("2 consecutive failed turns (last: HTTP 500 from scripted backend on turn 3)",
                    s.stoppedEarly().orElseThrow());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.play(s.plan().get(3)));
            assertTrue(e.getMessage().startsWith("turn 4: the session has stopped"), e.getMessage());
            assertEquals(s.stoppedEarly().get(), s.finish().config().extra().get("stopped_early"));
        }
    }

    @Test
    void aJournalledSteppedSessionResumesTurnByTurnWithoutAskingAJournalledTurnAgain() throws Exception {
        Path leadJournal = dir.resolve("lead.turns.jsonl");
        Path otherJournal = dir.resolve("other.turns.jsonl");
        SessionReport wholeLead;
        SessionReport wholeOther;
        try (SteppedSession lead = session(ScriptedBackend.healthy(), new ArrayList<>()).build().start();
             SteppedSession other = session(new ScriptedBackend(Set.of(), 5, "q4_0"), new ArrayList<>()).build()
                     .start()) {
            lockstep(lead, other, 8);
            wholeLead = lead.finish();
            wholeOther = other.finish();
        }
        // killed after the lead's turn 4, before the other answered it
        try (SteppedSession lead = session(ScriptedBackend.healthy(), new ArrayList<>()).checkpoint(leadJournal)
                .build().start();
             SteppedSession other = session(new ScriptedBackend(Set.of(), 5, "q4_0"), new ArrayList<>())
                     .checkpoint(otherJournal).build().start()) {
            lockstep(lead, other, 3);
            lead.play(lead.plan().get(3));
        }

        ScriptedBackend leadAgain = ScriptedBackend.healthy().continuingAfter(4);
        ScriptedBackend otherAgain = new ScriptedBackend(Set.of(), 5, "q4_0").continuingAfter(3);
        List<TurnEvent> heard = new ArrayList<>();
        try (SteppedSession lead = LongSession.builder().resume(leadJournal).backend(leadAgain, "scripted")
                .clock(FIXED).build().start();
             SteppedSession other = LongSession.builder().resume(otherJournal).backend(otherAgain, "scripted")
                     .clock(FIXED).listener(heard::add).build().start()) {
            assertTrue(lead.journalled(lead.plan().get(3)));
            assertFalse(other.journalled(other.plan().get(3)));
            lockstep(lead, other, 8);
            assertEquals(wholeLead, lead.finish());
            assertEquals(wholeOther, other.finish());
        }
        assertEquals(4, leadAgain.requests().size(), "the lead asked only turns 5 to 8");
        assertEquals(5, otherAgain.requests().size(), "the other asked only turns 4 to 8");
        assertEquals(List.of(4, 5, 6, 7, 8), heard.stream().map(TurnEvent::turn).toList(), "restored turns are not heard");
    }

    /** The lead answers each turn on its own history, the other answers the lead's request aside. */
    private static void lockstep(SteppedSession lead, SteppedSession other, int turns) {
        for (ScriptedTurn turn : lead.plan().subList(0, turns)) {
            ChatRequest request = lead.request(turn);
            lead.play(turn);
            other.playAside(turn, request, ExtraTurnMetrics.NONE);
        }
    }
}
