package dev.longhaul.cli.faults;

import static dev.longhaul.cli.faults.FaultRun.ollama;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.Reply;
import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults of an Ollama server in a real session over the {@code ollama} backend (NDJSON streams, 1 s timeouts,
 * 1 retry). A stream without its final {@code "done": true} object is a lost connection for this backend, so it is
 * retried, whether the connection broke mid-chunk or closed cleanly.
 */
class OllamaFaultsTest extends ReplayServerFaultTest {

    private static final String NDJSON = "application/x-ndjson";

    @Override
    BackendConfig.Builder backend(URI url, boolean stream) {
        return ollama(url, stream);
    }

    private long chatRequests() {
        return server.requests().stream().map(RecordedRequest::path).filter("/api/chat"::equals).count();
    }

    @Test
    void aStreamCutMidChunkIsRetriedAndTheTurnAnswered() throws Exception {
        List<String> lines = recordedLines();
        Reply whole = Reply.status(200, "OK").header("Content-Type", NDJSON).chunked(lines).build();
        server.enqueue(Replies.ollamaLines(FIRST), whole.closeAfter(whole.bytes().length / 2), whole);

        FaultRun run = play(true, 2).assertNothingLost(2);

        assertEquals(3, chatRequests(), "turn 2 took two attempts");
        assertTrue(run.response(2).startsWith("Here is a token bucket `RateLimiter`:"), run.response(2));
        assertTrue(run.response(2).endsWith(" is refused."), run.response(2));
        assertEquals(203, run.answered(2).number("tokens_generated").intValue());
    }

    @Test
    void aStreamClosedBeforeItsFinalObjectOnEveryAttemptIsAFailedTurnOfConnectionLost() throws Exception {
        List<String> first = recordedLines().subList(0, 40);
        server.enqueue(Replies.ollamaLines(FIRST), Replies.closeDelimited(NDJSON, first),
                Replies.closeDelimited(NDJSON, first), Replies.ollamaLines(THIRD));

        FaultRun run = play(true, 3).assertNothingLost(3)
                .assertFailed(2, "connection_lost", 2, "ollama at " + server.baseUrl() + "/api/chat",
                        "the stream ended without its final \"done\": true object (after 40 lines",
                        "(gave up after 2 attempts)");
        assertEquals(THIRD.text(), run.response(3));
    }

    @Test
    void anErrorLineMidStreamIsAServerErrorThatIsRetried() throws Exception {
        List<String> broken = new ArrayList<>(recordedLines().subList(0, 10));
        broken.add("{\"error\":\"an error was encountered while running the model\"}\n");
        server.enqueue(Reply.status(200, "OK").header("Content-Type", NDJSON).chunked(broken).build(),
                Replies.ollamaLines(FIRST));

        FaultRun run = play(true, 1).assertNothingLost(1);

        assertEquals(FIRST.text(), run.response(1));
        assertEquals(2, chatRequests());
    }

    @Test
    void http500OnEveryAttemptIsAFailedTurnQuotingOllama() throws Exception {
        String crashed = "{\"error\":\"llama runner process has terminated: exit status 2\"}";
        server.enqueue(Replies.json(200, WireShapes.ollamaChat(FIRST)), Replies.json(500, crashed),
                Replies.json(500, crashed), Replies.json(200, WireShapes.ollamaChat(THIRD)));

        play(false, 3).assertNothingLost(3)
                .assertFailed(2, "server_error", 2, "answered HTTP 500: llama runner process has terminated: exit status 2");
    }

    @Test
    void invalidUtf8InAStreamIsABadResponseNotRetried() throws Exception {
        List<String> lines = new ArrayList<>(recordedLines().subList(0, 5));
        lines.add("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"caf@@\"},\"done\":false}\n");
        byte[] body = Replies.withInvalidUtf8(String.join("", lines));
        server.enqueue(Replies.ollamaLines(FIRST), Replies.body(NDJSON, body), Replies.ollamaLines(THIRD));

        play(true, 3).assertNothingLost(3).assertFailed(2, "bad_response", 1, "stream is not valid UTF-8");
    }

    /** The NDJSON lines (each with its newline) of the documented Ollama stream in src/test/resources/faults. */
    private static List<String> recordedLines() throws IOException {
        try (InputStream in = OllamaFaultsTest.class.getResourceAsStream("/faults/ollama/02-chat-stream/response.body")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String line : body.split("(?<=\n)")) {
                lines.add(line);
            }
            return lines;
        }
    }
}
