package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;

/** Reads a non-streamed {@code chat.completion} object. */
final class CompletionParser {

    private CompletionParser() {
    }

    /**
     * @param body the answer
     * @return the completion
     * @throws BackendException ({@link Kind#BAD_RESPONSE}) naming the missing part, when the answer has no
     *                          {@code choices[0].message}
     */
    static Completion parse(JsonNode body) throws BackendException {
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new BackendException(Kind.BAD_RESPONSE, "answer has no choices[0].message: "
                    + Excerpt.of(body));
        }
        JsonNode content = message.path("content");
        if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
            throw new BackendException(Kind.BAD_RESPONSE, "answer's choices[0].message.content is not text: "
                    + Excerpt.of(body));
        }
        JsonNode timings = body.path("timings");
        TokenLogprobs logprobs = new TokenLogprobs();
        logprobs.add(choice.path("logprobs"));
        JsonNode finish = choice.path("finish_reason");
        return new Completion(content.isTextual() ? content.asText() : "", finish.isTextual() ? finish.asText() : null,
                Usage.of(body.path("usage"), timings), timings.isObject() ? timings : null, logprobs, null, null);
    }
}
