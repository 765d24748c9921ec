package dev.longhaul.backend;

/**
 * A chat model that answers one turn at a time. Created by a {@link BackendProvider}; used by one session at a time
 * (implementations need not be thread-safe); closed when the session ends.
 *
 * <p>Implementations measure their own stats ({@link GenerationStats}) and map every failure to a
 * {@link BackendException} whose message names what happened (the server's URL, the model, the status) and never
 * contains a secret.
 */
public interface Backend extends AutoCloseable {

    /**
     * Answers the last message of the conversation.
     *
     * @param request the conversation
     * @return the answer with its stats
     * @throws BackendException when no answer could be had (after the backend's own retries)
     */
    ChatResponse chat(ChatRequest request) throws BackendException;

    /**
     * What the backend knows of its model. A session calls it once, before the first turn of a new run, and writes
     * it into the report's {@code config}; a run resumed from a checkpoint takes its config from the checkpoint and
     * does not call it.
     *
     * @return the info, at least the provider name
     */
    BackendInfo info();

    /** Releases connections, native memory or child processes. Never throws. */
    @Override
    default void close() {
    }
}
