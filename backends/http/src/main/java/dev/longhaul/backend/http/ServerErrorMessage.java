package dev.longhaul.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;

/**
 * Finds the server's own words in an error body: {@code {"error":{"message":…}}} (OpenAI, llama-server, vLLM),
 * {@code {"error":"…"}} (Ollama), {@code {"message":…}} or {@code {"detail":…}}; otherwise an escaped excerpt of the
 * body. The result is one line of at most {@value #MAX_CHARS} characters.
 */
final class ServerErrorMessage {

    static final int MAX_CHARS = 300;

    private ServerErrorMessage() {
    }

    /** @return the body as JSON, or null when it is empty or not JSON */
    static JsonNode parse(ObjectMapper json, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            String text = Utf8.decode(body, body.length);
            JsonNode node = json.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (CharacterCodingException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    static String of(JsonNode json, byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String message = json == null ? null : fromJson(json);
        return message == null ? BodyExcerpt.of(body) : oneLine(message);
    }

    private static String fromJson(JsonNode json) {
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        for (JsonNode candidate : new JsonNode[] {error.path("message"), json.path("message"), json.path("detail")}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return candidate.asText();
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS) + "...";
    }
}
