package dev.longhaul.backend;

import java.util.Objects;

/**
 * One message of a conversation as sent to a backend.
 *
 * @param role    who said it
 * @param content what was said
 */
public record ChatMessage(Role role, String content) {

    /** The speaker of a message; {@link #wireName()} is the name chat APIs use. */
    public enum Role {
        /** Instructions that frame the conversation. */
        SYSTEM("system"),
        /** The scripted user. */
        USER("user"),
        /** The model's earlier answers, sent back as history. */
        ASSISTANT("assistant");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        /** @return the lower-case role name chat APIs use ({@code system}, {@code user}, {@code assistant}) */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Rejects nulls.
     *
     * @param role    who said it
     * @param content what was said
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /**
     * @param content the text
     * @return a user message
     */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /**
     * @param content the text
     * @return an assistant message
     */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /**
     * @param content the text
     * @return a system message
     */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }
}
