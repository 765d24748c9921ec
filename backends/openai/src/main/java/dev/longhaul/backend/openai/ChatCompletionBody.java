package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import java.math.BigDecimal;

/**
 * The JSON body of {@code POST /v1/chat/completions}, in the field order the recordings were made with:
 * {@code model, temperature, max_tokens, seed, logprobs, top_logprobs, messages, stream, stream_options}.
 */
final class ChatCompletionBody {

    private ChatCompletionBody() {
    }

    static ObjectNode of(ChatRequest request, CompletionSettings settings) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        if (settings.model() != null) {
            body.put("model", settings.model());
        }
        // Shortest decimal form: 0.7 stays 0.7 and 0.0 becomes 0, as a person (or Python) would write it.
        body.put("temperature", new BigDecimal(Double.toString(settings.temperature())).stripTrailingZeros());
        body.put("max_tokens", settings.maxTokens());
        if (settings.seed() != null) {
            body.put("seed", settings.seed());
        }
        if (settings.logprobs()) {
            body.put("logprobs", true);
            if (settings.topLogprobs() != null) {
                body.put("top_logprobs", settings.topLogprobs());
            }
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        if (settings.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }
}
