package dev.longhaul.backend.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompletionStreamTest {

    private final CompletionStream stream = new CompletionStream(new ObjectMapper());

    private static String delta(String content) {
        return "{\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":" + content + "}}]}";
    }

    @Test
    void onlyAnswerTextAndTheFinishReasonAreProgress() throws BackendException {
        long start = stream.progress();
        stream.onEvent("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}",
                Duration.ofMillis(10));
        stream.onEvent(delta("\"\""), Duration.ofMillis(20));
        stream.onEvent("{\"choices\":[{\"index\":0,\"delta\":{}}]}", Duration.ofMillis(30));
        assertEquals(start, stream.progress(), "empty deltas are no progress");
        stream.onEvent(delta("\"Hi\""), Duration.ofMillis(40));
        long afterText = stream.progress();
        assertTrue(afterText > start);
        stream.onEvent("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}]}",
                Duration.ofMillis(50));
        assertTrue(stream.progress() > afterText, "the finish reason is");
    }

    @Test
    void timesTheFirstAndLastGeneratedText() throws BackendException {
        stream.onEvent("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}",
                Duration.ofMillis(100));
        stream.onEvent(delta("\"\""), Duration.ofMillis(150));
        stream.onEvent(delta("\"Hel\""), Duration.ofMillis(200));
        stream.onEvent(delta("\"lo\""), Duration.ofMillis(260));
        stream.onEvent("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}]}", Duration.ofMillis(270));
        stream.onEvent("{\"choices\":[],\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":5,\"total_tokens\":7}}",
                Duration.ofMillis(280));

        Completion c = stream.complete(Duration.ofMillis(300));

        assertEquals("Hello", c.content());
        assertEquals("stop", c.finishReason());
        assertEquals(Duration.ofMillis(200), c.firstToken());
        assertEquals(Duration.ofMillis(260), c.lastToken());
        assertEquals(2, c.usage().completionTokens());
        // One token after the first, in 60 ms.
        assertEquals(1 / 0.060, OpenAiBackend.stats(c, Duration.ofMillis(300)).tokensPerSecond(), 1e-9);
    }

    @Test
    void stopsAtDoneAndIgnoresWhatFollows() throws BackendException {
        stream.onEvent(delta("\"a\""), Duration.ofMillis(1));
        assertEquals(false, stream.onEvent("[DONE]", Duration.ofMillis(2)));
        assertEquals("a", stream.complete(Duration.ofMillis(3)).content());
    }

    @Test
    void failsOnAnErrorEvent() {
        BackendException e = assertThrows(BackendException.class, () -> stream.onEvent(
                "{\"error\":{\"code\":500,\"message\":\"slot crashed\",\"type\":\"server_error\"}}", Duration.ZERO));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals("error inside the stream: slot crashed", e.getMessage());
    }

    @Test
    void failsOnAnEventThatIsNotJson() {
        BackendException e = assertThrows(BackendException.class, () -> stream.onEvent("{\"choices\":[", Duration.ZERO));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertEquals("stream event is not JSON: {\"choices\":[", e.getMessage());
    }

    @Test
    void failsWhenTheAnswerHadNoEvents() {
        BackendException e = assertThrows(BackendException.class, () -> stream.complete(Duration.ofMillis(2)));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertEquals("answer to a streamed request had no server-sent events (data: lines)", e.getMessage());
    }

    @Test
    void failsWhenTheStreamEndsWithoutAnEnding() throws BackendException {
        stream.onEvent(delta("\"partial\""), Duration.ofMillis(1));
        BackendException e = assertThrows(BackendException.class, () -> stream.complete(Duration.ofMillis(2)));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("without a finish_reason or [DONE] after 7 characters"), e.getMessage());
    }
}
