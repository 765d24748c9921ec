package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.time.Duration;

/**
 * Receives the events of one streamed answer and builds the result from them. The transport creates a new sink for
 * every attempt (see {@link HttpTransport#postStream}), so a sink never sees the events of a failed attempt.
 *
 * <p>{@link #onEvent} runs on the HTTP client's thread, {@link #complete} on the caller's thread after the last
 * event; the transport makes the hand-over safe.
 *
 * @param <R> what the sink builds
 */
public interface StreamSink<R> {

    /** What {@link #progress()} returns for a sink that does not track it: then every event is progress. */
    long UNTRACKED = Long.MIN_VALUE;

    /**
     * How far the answer has come, e.g. the characters of answer text so far: the transport's timeout counts an
     * event as progress only when this grew, so that keep-alive events or deltas without text do not hold a
     * request open for ever. Called on the client's thread after each {@link #onEvent}.
     *
     * @return a number that grows as the answer advances, or {@link #UNTRACKED} (the default: every event counts)
     */
    default long progress() {
        return UNTRACKED;
    }

    /**
     * One event.
     *
     * @param data      the event's text: the SSE data, or one NDJSON line (never {@code null})
     * @param sinceSent time from sending the request until the event's last byte arrived (time to first token is the
     *                  value at the first event that carries a token)
     * @return {@code true} to go on, {@code false} to ignore the rest of the stream (the transport still reads it to
     *         its end, so the connection can be reused)
     * @throws BackendException when the event says the server failed, or cannot be understood; a transient kind
     *                          makes the transport retry the request
     */
    boolean onEvent(String data, Duration sinceSent) throws BackendException;

    /**
     * The stream ended cleanly.
     *
     * @param elapsed time from sending the request until the end of the stream
     * @return the result
     * @throws BackendException when the events did not make a whole answer (for example no final event)
     */
    R complete(Duration elapsed) throws BackendException;
}
