package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.http.ErrorClassifier;
import dev.longhaul.backend.http.HttpErrorResponse;

import java.util.Locale;

/**
 * What Ollama's 4xx answers ({@code {"error": "…"}}) mean: a 404 about the model is
 * {@link Kind#MODEL_NOT_FOUND} ({@code model 'x' not found}, or {@code model "x" not found, try pulling it first});
 * an input longer than the context (only when the server does not truncate) is {@link Kind#CONTEXT_EXCEEDED};
 * anything else is {@link Kind#REJECTED}. The transport treats 429 and 5xx itself.
 */
final class OllamaErrorClassifier implements ErrorClassifier {

    @Override
    public Kind classify(HttpErrorResponse error) {
        String message = error.serverMessage().toLowerCase(Locale.ROOT);
        if (error.status() == 404 && message.contains("model") && message.contains("not found")) {
            return Kind.MODEL_NOT_FOUND;
        }
        if (message.contains("context length") || message.contains("context window")) {
            return Kind.CONTEXT_EXCEEDED;
        }
        return Kind.REJECTED;
    }
}
