package dev.longhaul.backend.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.http.StreamSink;
import java.time.Duration;

/**
 * Builds a {@link Completion} from the SSE events of a streamed answer ({@code chat.completion.chunk} objects):
 * concatenates {@code choices[0].delta.content}, notes when the first and the last generated text arrived, takes
 * {@code finish_reason}, and {@code usage} and {@code timings} from the final chunk ({@code "choices":[]}, sent
 * because the request asks for {@code stream_options.include_usage}). {@code [DONE]} ends the stream; an
 * {@code error} event fails it.
 */
final class CompletionStream implements StreamSink<Completion> {

    private final ObjectMapper json;
    private final StringBuilder content = new StringBuilder();
    private final TokenLogprobs logprobs = new TokenLogprobs();
    private String finishReason;
    private Usage usage = Usage.NONE;
    private JsonNode timings;
    private Duration firstToken;
    private Duration lastToken;
    private boolean done;
    private int events;
    private long answered;

    CompletionStream(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean onEvent(String data, Duration sinceSent) throws BackendException {
        events++;
        if (data.equals("[DONE]")) {
            done = true;
            return false;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new BackendException(Kind.BAD_RESPONSE, "stream event is not JSON: " + Excerpt.of(data));
        }
        if (chunk == null || !chunk.isObject()) {
            throw new BackendException(Kind.BAD_RESPONSE, "stream event is not a JSON object: " + Excerpt.of(data));
        }
        JsonNode error = chunk.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
            throw new BackendException(OpenAiErrors.kind(200, error.isObject() ? error : null, message),
                    "error inside the stream: " + Excerpt.of(message));
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String text = delta.path("content").isTextual() ? delta.path("content").asText() : "";
        String reasoning = delta.path("reasoning_content").isTextual() ? delta.path("reasoning_content").asText() : "";
        answered += text.length() + reasoning.length();
        if (!text.isEmpty() || !reasoning.isEmpty()) {
            if (firstToken == null) {
                firstToken = sinceSent;
            }
            lastToken = sinceSent;
        }
        content.append(text);
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
        }
        logprobs.add(choice.path("logprobs"));
        if (chunk.path("usage").isObject()) {
            timings = chunk.path("timings").isObject() ? chunk.path("timings") : null;
            usage = Usage.of(chunk.path("usage"), chunk.path("timings"));
        }
        return true;
    }

    /** Answer and reasoning characters so far, plus one for a finish reason: keep-alives and empty deltas add none. */
    @Override
    public long progress() {
        return answered + (finishReason != null ? 1 : 0) + (done ? 1 : 0);
    }

    @Override
    public Completion complete(Duration elapsed) throws BackendException {
        if (events == 0) {
            throw new BackendException(Kind.BAD_RESPONSE, "answer to a streamed request had no server-sent events"
                    + " (data: lines)");
        }
        if (!done && finishReason == null) {
            throw new BackendException(Kind.BAD_RESPONSE, "stream ended without a finish_reason or [DONE] after "
                    + content.length() + " characters");
        }
        return new Completion(content.toString(), finishReason, usage, timings, logprobs, firstToken, lastToken);
    }
}
