package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;

/**
 * Reads one {@link OllamaChatLine} from a JSON object, rejecting anything that is not an Ollama chat object with a
 * {@link BackendException.Kind#BAD_RESPONSE} that quotes its first characters. Messages do not name the server:
 * the caller puts it in front.
 */
final class OllamaChatLineReader {

    private static final int QUOTED_CHARS = 80;

    private final ObjectMapper mapper;

    OllamaChatLineReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads one NDJSON line. */
    OllamaChatLine read(String text) throws BackendException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("line is not JSON", text);
        }
        return read(node, text);
    }

    /** Reads an object already parsed; {@code text} is what to quote when it is not a chat object. */
    OllamaChatLine read(JsonNode node, String text) throws BackendException {
        if (node == null || !node.isObject()) {
            throw bad("line is not a JSON object", text);
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            return OllamaChatLine.error(error.isTextual() ? error.asText() : error.toString());
        }
        JsonNode done = node.get("done");
        if (done == null || !done.isBoolean()) {
            throw bad("object has no boolean \"done\"", text);
        }
        JsonNode message = node.path("message");
        String content = message.path("content").asText("");
        String thinking = message.path("thinking").asText("");
        JsonNode reason = node.get("done_reason");
        boolean isFinal = done.booleanValue();
        return new OllamaChatLine(content, thinking, isFinal,
                reason != null && reason.isTextual() ? reason.asText() : null, null,
                isFinal ? OllamaMetrics.of(node) : OllamaMetrics.NONE);
    }

    private static BackendException bad(String problem, String text) {
        return new BackendException(BackendException.Kind.BAD_RESPONSE,
                problem + ": '" + firstChars(text, QUOTED_CHARS) + "'");
    }

    /**
     * The start of a text on one line, for quoting it in a message.
     *
     * @param text the text
     * @param max  how many characters to keep at most
     * @return the text with whitespace runs made single spaces, cut to {@code max} characters and an ellipsis
     */
    static String firstChars(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
