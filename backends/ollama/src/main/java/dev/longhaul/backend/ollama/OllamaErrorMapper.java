package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Maps an Ollama error answer (a non-2xx status with an {@code {"error": "…"}} body) to a
 * {@link BackendException} whose message names the server and, for a missing model, says how to get it.
 */
final class OllamaErrorMapper {

    private static final int QUOTED_CHARS = 200;

    private final ObjectMapper mapper;
    private final String server;
    private final String model;

    /**
     * @param mapper reads JSON
     * @param server names the server in messages ({@code Ollama at http://…})
     * @param model  the model that was asked for
     */
    OllamaErrorMapper(ObjectMapper mapper, String server, String model) {
        this.mapper = mapper;
        this.server = server;
        this.model = model;
    }

    /**
     * @param status   the HTTP status, not 2xx
     * @param endpoint the path that answered, e.g. {@code /api/chat}
     * @param body     the response body
     * @return the failure
     */
    BackendException map(int status, String endpoint, byte[] body) {
        String message = errorMessage(body);
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 404 && lower.contains("model") && lower.contains("not found")) {
            return new BackendException(Kind.MODEL_NOT_FOUND, "model '" + model + "' not found on " + server
                    + " (pull it with `ollama pull " + model + "`)");
        }
        String said = server + " answered " + status + " to " + endpoint + ": " + message;
        if (status == 429 || status >= 500) {
            return new BackendException(Kind.SERVER_ERROR, said);
        }
        if (lower.contains("context length") || lower.contains("context window")) {
            return new BackendException(Kind.CONTEXT_EXCEEDED, said);
        }
        return new BackendException(Kind.REJECTED, said);
    }

    /** The {@code error} text of an Ollama error body, or the start of the body when it is not one. */
    String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = mapper.readTree(text);
            if (node != null && node.path("error").isTextual()) {
                return OllamaChatLineReader.firstChars(node.get("error").asText(), QUOTED_CHARS);
            }
        } catch (IOException notJson) {
            // Not Ollama's shape (a proxy's page, a plain-text 404): quote it as it is.
        }
        return text.isBlank() ? "(empty body)" : "'" + OllamaChatLineReader.firstChars(text, QUOTED_CHARS) + "'";
    }
}
