package dev.longhaul.cli.faults;

import static dev.longhaul.cli.faults.FaultRun.llamaServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.ReplayServer;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.session.LongSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C (an interrupt of the session's thread) during a turn: the turn in flight is dropped, not recorded as a
 * failure, so that resuming the checkpoint asks it again and the run ends as if never interrupted.
 */
class InterruptedTurnTest extends ReplayServerFaultTest {

    @Override
    BackendConfig.Builder backend(URI url, boolean stream) {
        return llamaServer(url, stream).timeout(Duration.ofSeconds(5));
    }

    @Test
    void aTurnCutShortByAnInterruptIsNotRecordedAndResumingAsksItAgain() throws Exception {
        server.enqueue(Replies.completion(FIRST), Reply.hang());
        Thread session = Thread.currentThread();
        FaultRun interrupted;
        try {
            interrupted = FaultRun.play(dir, backend(server.baseUrl(), false).build(), 3,
                    turn -> interruptWhenAsked(session, server, 4));
        } finally {
            Thread.interrupted();
        }

        assertEquals("interrupted during turn 2", interrupted.report().config().extra().get("stopped_early"));
        assertEquals(List.of(1), interrupted.report().turnMetrics().stream().map(TurnMetrics::turn).toList());
        assertEquals(List.of(), interrupted.report().failedTurns());
        assertEquals(1, interrupted.journal().size(), "only the answered turn is journalled");

        server.enqueue(Replies.completion(SECOND), Replies.completion(THIRD));
        SessionReport resumed = LongSession.builder().resume(interrupted.checkpoint()).run();

        assertNull(resumed.config().extra().get("stopped_early"));
        assertEquals(List.of(1, 2, 3), resumed.turnMetrics().stream().map(TurnMetrics::turn).toList());
        assertEquals(List.of(FIRST.text(), SECOND.text(), THIRD.text()),
                resumed.responses().stream().map(r -> r.response()).toList());
        List<String> asked = server.requests().stream().filter(r -> r.path().equals("/v1/chat/completions"))
                .map(InterruptedTurnTest::lastUserMessage).toList();
        assertEquals(4, asked.size(), "turn 1 once, turn 2 twice (cut, then resumed), turn 3 once: " + asked);
        assertEquals(asked.get(1), asked.get(2));
        assertTrue(!asked.get(0).equals(asked.get(1)) && !asked.get(2).equals(asked.get(3)), asked.toString());
    }

    /**
     * An interrupt between the answer and its journal line (here: while the turn is scored) must not cost the
     * answer: the turn is journalled and reported, and the run stops before the next turn.
     */
    @Test
    void anInterruptAfterTheAnswerArrivedKeepsTheTurnAndStopsBeforeTheNext() throws Exception {
        server.enqueue(Replies.completion(FIRST), Replies.completion(SECOND));
        Scorer heuristic = new HeuristicScorer();
        Scorer interruptingOnTurn2 = input -> {
            if (input.turn() == 2) {
                Thread.currentThread().interrupt();
            }
            return heuristic.score(input);
        };
        Path checkpoint = dir.resolve("run.turns.jsonl");
        SessionReport report;
        try {
            report = LongSession.builder().backend(backend(server.baseUrl(), false).build()).turns(3)
                    .delay(Duration.ZERO).saveResponses(true).scorer(interruptingOnTurn2).checkpoint(checkpoint)
                    .run();
        } finally {
            Thread.interrupted();
        }

        assertEquals("interrupted before turn 3", report.config().extra().get("stopped_early"));
        assertEquals(List.of(1, 2), report.turnMetrics().stream().map(TurnMetrics::turn).toList());
        assertEquals(List.of(1, 2), FaultRun.journal(checkpoint).stream().map(l -> l.path("turn").asInt()).toList());
        assertEquals(SECOND.text(), FaultRun.journal(checkpoint).get(1).path("response").asText());
    }

    /** Interrupts the session once the server has received {@code requests} requests (bounded wait). */
    private static void interruptWhenAsked(Thread session, ReplayServer server, int requests) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.requests().size() < requests && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            session.interrupt();
        });
        t.setDaemon(true);
        t.start();
    }

    private static String lastUserMessage(RecordedRequest request) {
        try {
            var messages = new ObjectMapper().readTree(request.body()).path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
