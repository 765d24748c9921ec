package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.http.ErrorClassifier;
import dev.longhaul.backend.http.HttpErrorResponse;
import java.util.Locale;

/**
 * What OpenAI-style error bodies mean. Recognised:
 * <ul>
 *   <li>context exceeded: llama-server's {@code exceed_context_size_error}, OpenAI's
 *       {@code context_length_exceeded} code, vLLM's "maximum context length" message;</li>
 *   <li>model not found: OpenAI's {@code model_not_found} code, or a 404 whose message names a model that
 *       "does not exist" or is "not found" (vLLM, OpenAI);</li>
 *   <li>everything else in 4xx is a rejected request. 5xx and 429 are server errors (retried by the transport).</li>
 * </ul>
 */
final class OpenAiErrors implements ErrorClassifier {

    @Override
    public Kind classify(HttpErrorResponse error) {
        return kind(error.status(), error.json() == null ? null : error.json().path("error"), error.serverMessage());
    }

    /**
     * @param status  the HTTP status, or 200 for an error event inside a stream
     * @param error   the {@code error} object, or null
     * @param message the server's message
     */
    static Kind kind(int status, JsonNode error, String message) {
        String type = error == null ? "" : error.path("type").asText("");
        String code = error == null ? "" : error.path("code").asText("");
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (type.equals("exceed_context_size_error") || code.equals("context_length_exceeded")
                || text.contains("maximum context length") || text.contains("exceeds the available context size")) {
            return Kind.CONTEXT_EXCEEDED;
        }
        if (code.equals("model_not_found") || (status == 404 && text.contains("model")
                && (text.contains("does not exist") || text.contains("not found")))) {
            return Kind.MODEL_NOT_FOUND;
        }
        int effective = status;
        if (status < 400 && error != null && error.path("code").isInt()) {
            effective = error.path("code").asInt();
        }
        if (effective == 429 || effective >= 500 || type.equals("server_error") || type.equals("unavailable_error")) {
            return Kind.SERVER_ERROR;
        }
        return Kind.REJECTED;
    }
}
