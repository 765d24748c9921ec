package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;

/**
 * Writes the JSON body of {@code POST /api/chat}: the model, the messages in order, {@code stream}, and
 * {@code options} with {@code num_ctx} always and temperature, seed and num_predict only when they are set (so that
 * unset ones keep the model's own defaults).
 */
final class OllamaChatRequestWriter {

    private final ObjectMapper mapper;
    private final OllamaSettings settings;

    OllamaChatRequestWriter(ObjectMapper mapper, OllamaSettings settings) {
        this.mapper = mapper;
        this.settings = settings;
    }

    ObjectNode write(ChatRequest request) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        body.put("stream", settings.stream());
        ObjectNode options = body.putObject("options");
        // Always sent: Ollama's own default window depends on the machine, which would make runs incomparable.
        options.put("num_ctx", settings.numCtx());
        if (settings.temperature() != null) {
            options.put("temperature", settings.temperature());
        }
        if (settings.seed() != null) {
            options.put("seed", settings.seed());
        }
        if (settings.numPredict() != null) {
            options.put("num_predict", settings.numPredict());
        }
        return body;
    }
}
