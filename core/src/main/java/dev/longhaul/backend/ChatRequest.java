package dev.longhaul.backend;

import java.util.List;
import java.util.Objects;

/**
 * One chat completion request: the conversation so far, ending with the user message to answer.
 *
 * <p>Generation settings (temperature, sampling seed, token limit, context size) are fixed per backend in its
 * {@link BackendConfig}, so that every turn of a run uses the same ones.
 *
 * @param messages the history window followed by this turn's user message; never empty
 */
public record ChatRequest(List<ChatMessage> messages) {

    /**
     * Copies the messages and rejects an empty conversation.
     *
     * @param messages the history window followed by this turn's user message; never empty
     */
    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }

    /** @return the last message, the one the backend answers */
    public ChatMessage last() {
        return messages.get(messages.size() - 1);
    }
}
