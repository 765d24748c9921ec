package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaAnswerAssemblerTest {

    private final OllamaChatLineReader reader = new OllamaChatLineReader(Fixture.JSON);

    @Test
    void aNonStreamedAnswerHasTextReasonAndNoTimeToFirstToken() throws BackendException {
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, false);
        answer.accept(reader.read(Fixture.load("01-chat-nonstream").responseText()), Duration.ofSeconds(6));

        ChatResponse response = answer.finish(Duration.ofSeconds(6));

        assertTrue(response.content().startsWith("Here is a token bucket `RateLimiter`:\n\n```python\n"));
        assertTrue(response.content().endsWith("sustained overload is refused."));
        assertEquals("stop", response.finishReason());
        assertNull(response.stats().timeToFirstToken());
        assertEquals(203, response.stats().completionTokens());
        assertEquals(61, response.stats().promptTokens());
    }

    @Test
    void aStreamedAnswerJoinsItsPiecesToTheNonStreamedText() throws BackendException {
        String nonStreamed = assemble("01-chat-nonstream", false).content();

        ChatResponse streamed = assemble("02-chat-stream", true);

        assertEquals(nonStreamed, streamed.content());
        assertEquals("stop", streamed.finishReason());
    }

    @Test
    void timeToFirstTokenIsWhenTheFirstTextArrived() throws BackendException {
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, true);
        answer.accept(reader.read("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false}"),
                Duration.ofMillis(100));
        answer.accept(reader.read("{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}"),
                Duration.ofMillis(250));
        answer.accept(reader.read("{\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done\":false}"),
                Duration.ofMillis(300));
        answer.accept(reader.read("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                + "\"done_reason\":\"stop\",\"eval_count\":2,\"eval_duration\":50000000}"), Duration.ofMillis(320));

        ChatResponse response = answer.finish(Duration.ofMillis(350));

        assertEquals("Hi!", response.content());
        assertEquals(Duration.ofMillis(250), response.stats().timeToFirstToken());
        assertEquals(Duration.ofMillis(350), response.stats().elapsed());
    }

    @Test
    void linesWithoutTextAreNoProgressOfTheStream() throws BackendException {
        OllamaStreamSink sink = new OllamaStreamSink(reader, 8192);
        long start = sink.progress();
        sink.onEvent("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false}", Duration.ZERO);
        assertEquals(start, sink.progress());
        sink.onEvent("{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}", Duration.ZERO);
        assertTrue(sink.progress() > start);
    }

    @Test
    void anErrorLineMidStreamFailsWithTheServersMessage() throws BackendException {
        List<String> lines = Fixture.load("11-error-mid-stream").responseLines();
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, true);
        for (String line : lines.subList(0, lines.size() - 1)) {
            answer.accept(reader.read(line), Duration.ofMillis(10));
        }

        BackendException e = assertThrows(BackendException.class,
                () -> answer.accept(reader.read(lines.get(lines.size() - 1)), Duration.ofMillis(20)));

        assertEquals(BackendException.Kind.SERVER_ERROR, e.kind());
        assertEquals("error after 37 characters of the answer: "
                + "an error was encountered while running the model", e.getMessage());
    }

    @Test
    void aStreamWithoutItsFinalObjectIsAConnectionLost() throws BackendException {
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, true);
        for (String line : Fixture.load("12-stream-truncated").responseLines()) {
            answer.accept(reader.read(line), Duration.ofMillis(10));
        }

        BackendException e = assertThrows(BackendException.class, () -> answer.finish(Duration.ofSeconds(1)));

        assertEquals(BackendException.Kind.CONNECTION_LOST, e.kind());
        assertTrue(e.getMessage().contains("the stream ended without its final \"done\": true object (after 14 lines"),
                e.getMessage());
    }

    @Test
    void aNonStreamedObjectThatIsNotFinalIsABadResponse() throws BackendException {
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, false);
        answer.accept(reader.read("{\"message\":{\"content\":\"Hi\"},\"done\":false}"), Duration.ofMillis(10));

        assertEquals(BackendException.Kind.BAD_RESPONSE,
                assertThrows(BackendException.class, () -> answer.finish(Duration.ofSeconds(1))).kind());
    }

    private ChatResponse assemble(String fixture, boolean streamed) throws BackendException {
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(8192, streamed);
        long millis = 0;
        for (String line : Fixture.load(fixture).responseLines()) {
            answer.accept(reader.read(line), Duration.ofMillis(millis += 20));
        }
        return answer.finish(Duration.ofMillis(millis));
    }
}
