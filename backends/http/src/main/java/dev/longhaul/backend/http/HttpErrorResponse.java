package dev.longhaul.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * A non-2xx answer, given to an {@link ErrorClassifier}.
 *
 * @param method        the request method
 * @param uri           the request URI
 * @param status        the HTTP status
 * @param serverMessage the server's own error message ({@code error.message} of OpenAI-style bodies, {@code error}
 *                      of Ollama-style bodies), or an escaped excerpt of the body when it has neither; empty when
 *                      the body is empty
 * @param json          the body parsed as JSON, or null when it is not JSON
 */
public record HttpErrorResponse(String method, URI uri, int status, String serverMessage, JsonNode json) {

    /**
     * A text field of the body's {@code error} object, for example {@code type} or {@code code}.
     *
     * @param field the field name
     * @return the field's text, if the body is {@code {"error":{field: …}}}
     */
    public Optional<String> errorField(String field) {
        if (json == null) {
            return Optional.empty();
        }
        JsonNode value = json.path("error").path(field);
        return value.isValueNode() ? Optional.of(value.asText()) : Optional.empty();
    }
}
