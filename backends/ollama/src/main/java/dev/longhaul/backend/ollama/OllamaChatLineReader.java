package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;

/**
 * Reads one {@link OllamaChatLine} from the text of a JSON object, rejecting anything that is not an Ollama chat
 * object with a {@link BackendException.Kind#BAD_RESPONSE} that quotes the first bytes.
 */
final class OllamaChatLineReader {

    private static final int QUOTED_CHARS = 80;

    private final ObjectMapper mapper;
    private final String server;

    /**
     * @param mapper reads JSON
     * @param server names the server in messages ({@code Ollama at http://…})
     */
    OllamaChatLineReader(ObjectMapper mapper, String server) {
        this.mapper = mapper;
        this.server = server;
    }

    OllamaChatLine read(String text) throws BackendException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("sent a line that is not JSON", text);
        }
        if (node == null || !node.isObject()) {
            throw bad("sent a line that is not a JSON object", text);
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            return OllamaChatLine.error(error.isTextual() ? error.asText() : error.toString());
        }
        JsonNode done = node.get("done");
        if (done == null || !done.isBoolean()) {
            throw bad("sent an object without a boolean 'done'", text);
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

    private BackendException bad(String problem, String text) {
        return new BackendException(BackendException.Kind.BAD_RESPONSE,
                server + " " + problem + ": '" + firstChars(text, QUOTED_CHARS) + "'");
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
