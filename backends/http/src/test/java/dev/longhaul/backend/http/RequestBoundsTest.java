package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every request ends: a server that trickles, sends keep-alives or events without text is timed out after
 * {@code --timeout} without progress, and one that keeps sending text is stopped at the request's ceiling. Each
 * server here would keep the connection busy for 30 s; each request must end within a few seconds.
 */
class RequestBoundsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final Duration PLENTY = Duration.ofSeconds(10);

    /** Tracks answer text as the OpenAI sink does: the characters after "content":"…" of each event. */
    private static final class TextSink implements StreamSink<String> {
        private final StringBuilder text = new StringBuilder();

        @Override
        public boolean onEvent(String data, Duration sinceSent) {
            int at = data.indexOf("\"content\":\"");
            if (at >= 0) {
                text.append(data, at + 11, data.indexOf('"', at + 11));
            }
            return true;
        }

        @Override
        public long progress() {
            return text.length();
        }

        @Override
        public String complete(Duration elapsed) {
            return text.toString();
        }
    }

    private static long timeOut(TricklingServer server, boolean stream, Duration ceiling, String expectedEnd) {
        HttpTransport.Builder b = HttpTransport.builder("trickler", server.baseUrl()).timeout(TIMEOUT).maxRetries(0);
        if (ceiling != null) {
            b.maxRequestTime(ceiling);
        }
        long start = System.nanoTime();
        try (HttpTransport transport = b.build()) {
            BackendException e = assertThrows(BackendException.class, () -> {
                if (stream) {
                    transport.postStream("/v1/chat", JsonNodeFactory.instance.objectNode(), StreamFormat.SSE,
                            TextSink::new);
                } else {
                    transport.postJson("/v1/chat", JsonNodeFactory.instance.objectNode());
                }
            });
            assertEquals(Kind.TIMEOUT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().endsWith(expectedEnd), e.getMessage());
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < PLENTY.toMillis(), "ended after " + millis + " ms");
        return millis;
    }

    @Test
    void aBodyTrickledByteByByteIsNoProgress() throws Exception {
        String json = "{\"choices\": [{\"message\": {\"content\": \"" + "x".repeat(10_000) + "\"}}]}";
        try (TricklingServer server = TricklingServer.start("application/json", Duration.ofMillis(50),
                n -> n < json.length() ? json.substring(n, n + 1) : " ")) {
            timeOut(server, false, null, "timed out: no progress for 0.6 s");
        }
    }

    @Test
    void keepAliveCommentsAreNoProgress() throws Exception {
        try (TricklingServer server = TricklingServer.start("text/event-stream", Duration.ofMillis(50),
                n -> ": keep-alive\n\n")) {
            timeOut(server, true, null, "timed out: no progress for 0.6 s");
        }
    }

    @Test
    void eventsWithoutAnswerTextAreNoProgress() throws Exception {
        try (TricklingServer server = TricklingServer.start("text/event-stream", Duration.ofMillis(50),
                n -> "data: {\"choices\":[{\"delta\":{}}]}\n\n")) {
            timeOut(server, true, null, "timed out: no progress for 0.6 s");
        }
    }

    @Test
    void aStreamThatNeverEndsIsStoppedAtTheRequestsCeiling() throws Exception {
        try (TricklingServer server = TricklingServer.start("text/event-stream", Duration.ofMillis(50),
                n -> "data: {\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}\n\n")) {
            long millis = timeOut(server, true, Duration.ofMillis(1500),
                    "timed out: the answer was not complete after 1.5 s, the most one request may take");
            assertTrue(millis >= 1400, "tokens kept coming, so only the ceiling stopped it: " + millis + " ms");
        }
    }

    @Test
    void theDefaultCeilingIsTenTimesTheTimeout() throws Exception {
        assertEquals(Duration.ofSeconds(30), HttpOptions.maxRequestTime(dev.longhaul.backend.BackendConfig
                .builder("x").timeout(Duration.ofSeconds(3)).build()));
    }
}
