package dev.longhaul.cli.faults;

import static dev.longhaul.cli.faults.FaultRun.llamaServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.http.replay.Recording;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fault a llama-server (or any OpenAI-compatible server) can show, in a real session over the
 * {@code llama-server} backend with 1 s timeouts and 1 retry: each ends in a retried-and-answered turn or in a
 * recorded failed turn, never in a lost one, and the run goes on with the next turn.
 */
class LlamaServerFaultsTest extends ReplayServerFaultTest {

    private static final String SERVER_ERROR =
            "{\"error\":{\"code\":500,\"message\":\"slot 0 crashed\",\"type\":\"server_error\"}}";

    @Override
    BackendConfig.Builder backend(URI url, boolean stream) {
        return llamaServer(url, stream);
    }

    private String chatUrl() {
        return server.baseUrl() + "/v1/chat/completions";
    }

    @Test
    void aRefusedConnectionFailsTheTurnAfterItsRetryAndTheRunGoesOnWhenTheServerIsBack() throws Exception {
        Reply firstThenClose = Reply.status(200, "OK").header("Content-Type", "application/json")
                .header("Connection", "close").body(WireShapes.completion(FIRST)).build();
        server.enqueue(firstThenClose, Replies.completion(THIRD));

        FaultRun run = FaultRun.play(dir, llamaServer(server.baseUrl(), false).build(), 3, turn -> {
            if (turn.turn() == 1) {
                server.stopListening();
            } else if (turn.turn() == 2) {
                server.resumeListening();
            }
        });

        run.assertNothingLost(3)
                .assertFailed(2, "unreachable", 2, "llama-server unreachable at " + chatUrl() + ": ",
                        "(gave up after 2 attempts)");
        assertEquals(FIRST.text(), run.response(1));
        assertEquals(THIRD.text(), run.response(3));
    }

    @Test
    void aConnectionResetMidBodyIsRetriedAndTheTurnAnswered() throws Exception {
        Recording recorded = Replies.recorded("05-chat-single");
        Reply whole = recorded.reply();
        server.enqueue(Replies.completion(FIRST), whole.resetAfter(Replies.bodyOffset(whole) + 1000), whole);

        assertTheRecordedAnswerOnTheSecondAttempt(play(false, 2).assertNothingLost(2));
    }

    @Test
    void aStreamResetOnEveryAttemptIsAFailedTurnOfConnectionLost() throws Exception {
        Reply events = Replies.events(SECOND);
        int cut = Replies.bodyOffset(events) + 400;
        server.enqueue(Replies.events(FIRST), events.resetAfter(cut), events.resetAfter(cut), Replies.events(THIRD));

        play(true, 3).assertNothingLost(3)
                .assertFailed(2, "connection_lost", 2, "llama-server at " + chatUrl()
                        + " closed the connection before the whole answer arrived", "(gave up after 2 attempts)");
    }

    @Test
    void http500OnEveryAttemptIsAFailedTurnOfServerErrorQuotingTheServer() throws Exception {
        server.enqueue(Replies.completion(FIRST), Replies.json(500, SERVER_ERROR), Replies.json(500, SERVER_ERROR),
                Replies.completion(THIRD));

        FaultRun run = play(false, 3).assertNothingLost(3)
                .assertFailed(2, "server_error", 2, "llama-server at " + chatUrl() + " answered HTTP 500: slot 0 crashed",
                        "(gave up after 2 attempts)");
        assertEquals(THIRD.text(), run.response(3));
    }

    @Test
    void http429IsRetriedAfterTheRetryAfterTheServerAskedFor() throws Exception {
        Reply busy = Reply.status(429, "Too Many Requests").header("Retry-After", "1")
                .header("Content-Type", "application/json")
                .body("{\"error\":{\"code\":429,\"message\":\"too many requests\",\"type\":\"rate_limit_error\"}}").build();
        server.enqueue(busy, Replies.completion(FIRST));

        FaultRun run = play(false, 1).assertNothingLost(1);

        assertEquals(2, run.answered(1).number("http_attempts").intValue());
        assertEquals(FIRST.text(), run.response(1));
        // without Retry-After the first backoff is 0.25-0.5 s
        assertTrue(run.wall().compareTo(Duration.ofSeconds(1)) >= 0, "waited only " + run.wall());
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutAfterTheTimeoutWithoutRetry() throws Exception {
        server.enqueue(Replies.completion(FIRST), Reply.hang(), Replies.completion(THIRD));

        FaultRun run = play(false, 3).assertNothingLost(3)
                .assertFailed(2, "timeout", 1, "llama-server at " + chatUrl() + " timed out: no progress for 1 s");
        assertEquals(THIRD.text(), run.response(3));
    }

    @Test
    void aStreamThatStallsMidAnswerIsATimeout() throws Exception {
        Reply events = Replies.events(SECOND);
        server.enqueue(Replies.events(FIRST), events.hangAfter(Replies.bodyOffset(events) + 500),
                Replies.events(THIRD));

        play(true, 3).assertNothingLost(3)
                .assertFailed(2, "timeout", 1, "timed out: no progress for 1 s");
    }

    @Test
    void malformedJsonIsABadResponseNotRetried() throws Exception {
        server.enqueue(Replies.completion(FIRST), Replies.json(200, "{\"choices\":[{\"message\":{\"content\":\"half"),
                Replies.completion(THIRD));

        play(false, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "llama-server at " + chatUrl()
                        + " sent a body that is not JSON: \"{\\\"choices\\\":[{\\\"message\\\"");
    }

    @Test
    void aMalformedStreamEventIsABadResponseNotRetried() throws Exception {
        List<String> events = new ArrayList<>(WireShapes.completionEvents(SECOND, 16));
        events.add(3, "data: {\"choices\":[{\"delta\":{\"content\":\"cut\n\n");
        server.enqueue(Replies.events(FIRST), Reply.status(200, "OK").header("Content-Type", "text/event-stream")
                .chunked(events).build(), Replies.events(THIRD));

        play(true, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "stream event is not JSON");
    }

    /**
     * An empty answer is a valid turn: the model said nothing, which the scores show (length 0) and the history
     * keeps. A body without any answer (0 bytes) is a bad response.
     */
    @Test
    void anEmptyAnswerIsAnAnsweredTurnAndAnEmptyBodyIsABadResponse() throws Exception {
        ChatAnswer empty = new ChatAnswer("", 40, 0);
        server.enqueue(Replies.completion(empty), Replies.body("application/json", new byte[0]),
                Replies.json(200, "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":null}}],\"object\":\"chat.completion\"}"));

        FaultRun run = play(false, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "llama-server at " + chatUrl() + " sent an empty body");

        assertEquals("", run.response(1));
        assertEquals(0, run.answered(1).responseLength());
        assertEquals(0, run.answered(1).number("tokens_generated").intValue());
        assertEquals("", run.response(3), "content null is an empty answer");
        assertTrue(server.requests().get(4).bodyText().contains("{\"role\":\"assistant\",\"content\":\"\"}"),
                "the empty answer stays in the history: " + server.requests().get(4).bodyText());
    }

    @Test
    void anEmptyStreamedAnswerIsAnAnsweredTurn() throws Exception {
        server.enqueue(Replies.events(new ChatAnswer("", 40, 0)));

        FaultRun run = play(true, 1).assertNothingLost(1);

        assertEquals("", run.response(1));
        assertEquals("stop", run.answered(1).values().get("finish_reason"));
    }

    @Test
    void aTenMegabyteAnswerIsScoredJournalledAndReadBackOnResume() throws Exception {
        String line = "    total = total + step  # accumulate the next step of the window\n";
        String big = "## Big\n\n```python\n" + line.repeat(10 * 1024 * 1024 / line.length()) + "```\n";
        server.enqueue(Replies.completion(new ChatAnswer(big, 40, 2_000_000)), Replies.completion(SECOND));

        FaultRun run = play(false, 2).assertNothingLost(2);

        assertTrue(big.length() > 10_000_000, "answer of " + big.length() + " characters");
        assertEquals(big, run.response(1));
        assertEquals(big.length(), run.answered(1).responseLength());
        assertEquals(SECOND.text(), run.response(2));
        assertTrue(server.requests().get(3).body().length > big.length(), "the big answer went back as history");

        SessionReport reread = LongSession.builder().resume(run.checkpoint()).run();
        assertEquals(run.report().turnMetrics(), reread.turnMetrics());
        assertEquals(big, reread.responses().get(0).response());
    }

    @Test
    void invalidUtf8IsABadResponseNotRetried() throws Exception {
        byte[] body = Replies.withInvalidUtf8(WireShapes.completion(new ChatAnswer("caf@@ au lait", 40, 3)));
        server.enqueue(Replies.completion(FIRST), Replies.body("application/json", body), Replies.completion(THIRD));

        play(false, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "llama-server at " + chatUrl()
                        + " sent a body that is not valid UTF-8: ", "caf\\xc3(");
    }

    @Test
    void invalidUtf8InAStreamIsABadResponseNotRetried() throws Exception {
        List<String> events = WireShapes.completionEvents(new ChatAnswer("caf@@ au lait", 40, 3), 16);
        byte[] body = Replies.withInvalidUtf8(String.join("", events));
        server.enqueue(Replies.events(FIRST), Replies.body("text/event-stream", body), Replies.events(THIRD));

        play(true, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "stream is not valid UTF-8");
    }

    /** A chunked stream cut short is a lost connection: retried, and answered by the second attempt. */
    @Test
    void aTruncatedChunkedStreamIsRetriedAndTheTurnAnswered() throws Exception {
        Reply whole = Replies.recorded("10-chat-stream").reply();
        server.enqueue(Replies.events(FIRST), whole.closeAfter(whole.bytes().length / 2), whole);

        assertTheRecordedAnswerOnTheSecondAttempt(play(true, 2).assertNothingLost(2));
    }

    /** Turn 2 got the recorded llama-server answer (05-chat-single, 10-chat-stream) on its second attempt. */
    private static void assertTheRecordedAnswerOnTheSecondAttempt(FaultRun run) {
        assertEquals(2, run.answered(2).number("http_attempts").intValue());
        assertTrue(run.response(2).startsWith("Certainly. Here is the `RateLimiter` class."), run.response(2));
        assertEquals(847, run.answered(2).number("tokens_generated").intValue());
    }

    /**
     * A stream delimited by the connection's end that ends before its finish_reason and [DONE] looks complete to
     * HTTP: the backend rejects it as a bad response (not retried) rather than score half an answer.
     */
    @Test
    void aStreamEndingBeforeItsFinishIsABadResponse() throws Exception {
        List<String> events = WireShapes.completionEvents(SECOND, 16);
        server.enqueue(Replies.events(FIRST), Replies.closeDelimited("text/event-stream", events.subList(0, 6)),
                Replies.events(THIRD));

        play(true, 3).assertNothingLost(3)
                .assertFailed(2, "bad_response", 1, "stream ended without a finish_reason or [DONE] after 80 characters");
    }
}
