package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.http.StreamSink;

import java.time.Duration;

/** Feeds the NDJSON lines of one streamed {@code /api/chat} attempt into an {@link OllamaAnswerAssembler}. */
final class OllamaStreamSink implements StreamSink<ChatResponse> {

    private final OllamaChatLineReader reader;
    private final OllamaAnswerAssembler answer;

    OllamaStreamSink(OllamaChatLineReader reader, int numCtx) {
        this.reader = reader;
        this.answer = new OllamaAnswerAssembler(numCtx, true);
    }

    @Override
    public boolean onEvent(String data, Duration sinceSent) throws BackendException {
        answer.accept(reader.read(data), sinceSent);
        // Ollama sends nothing after the final object; reading on lets the connection be reused.
        return !answer.isDone();
    }

    /** Answer characters so far, plus one when the final object came: lines without text add none. */
    @Override
    public long progress() {
        return answer.length() + (answer.isDone() ? 1 : 0);
    }

    @Override
    public ChatResponse complete(Duration elapsed) throws BackendException {
        return answer.finish(elapsed);
    }
}
