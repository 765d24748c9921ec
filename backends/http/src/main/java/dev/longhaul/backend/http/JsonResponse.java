package dev.longhaul.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * A successful (2xx) answer with a JSON body.
 *
 * @param status   the HTTP status
 * @param body     the parsed body
 * @param elapsed  time from sending the request (of the successful attempt) until the whole body arrived
 * @param attempts attempts made, 1 when the first one succeeded
 */
public record JsonResponse(int status, JsonNode body, Duration elapsed, int attempts) {

    /**
     * Rejects nulls.
     *
     * @param status   the HTTP status
     * @param body     the parsed body
     * @param elapsed  time from sending the request (of the successful attempt) until the whole body arrived
     * @param attempts attempts made, 1 when the first one succeeded
     */
    public JsonResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
