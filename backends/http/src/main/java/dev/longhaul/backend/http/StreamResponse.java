package dev.longhaul.backend.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A successful (2xx) streamed answer, as its {@link StreamSink} built it.
 *
 * @param value    what the sink built
 * @param status   the HTTP status
 * @param elapsed  time from sending the request (of the successful attempt) until the end of the stream
 * @param attempts attempts made, 1 when the first one succeeded
 * @param <R>      the type the sink builds
 */
public record StreamResponse<R>(R value, int status, Duration elapsed, int attempts) {

    /**
     * Rejects a null elapsed time.
     *
     * @param value    what the sink built
     * @param status   the HTTP status
     * @param elapsed  time from sending the request (of the successful attempt) until the end of the stream
     * @param attempts attempts made, 1 when the first one succeeded
     */
    public StreamResponse {
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
