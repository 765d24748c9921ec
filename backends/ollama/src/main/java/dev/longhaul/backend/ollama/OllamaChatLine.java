package dev.longhaul.backend.ollama;

/**
 * One object of an {@code /api/chat} answer: a line of an NDJSON stream, or the whole body when not streamed.
 *
 * @param content    the piece of answer text it carries ({@code message.content}), empty when none
 * @param thinking   the piece of reasoning text of a thinking model ({@code message.thinking}), empty when none
 * @param done       whether this is the final object
 * @param doneReason why generation stopped ({@code stop}, {@code length}, …), or null
 * @param error      the server's error message when the object is {@code {"error": …}}, otherwise null
 * @param metrics    the figures of a final object ({@link OllamaMetrics#NONE} on others)
 */
record OllamaChatLine(String content, String thinking, boolean done, String doneReason, String error,
                      OllamaMetrics metrics) {

    static OllamaChatLine error(String message) {
        return new OllamaChatLine("", "", false, null, message, OllamaMetrics.NONE);
    }

    boolean isError() {
        return error != null;
    }

    /** @return whether it carries generated text of any kind (answer or reasoning) */
    boolean hasText() {
        return !content.isEmpty() || !thinking.isEmpty();
    }
}
