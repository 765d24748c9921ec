package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.http.HttpOptions;

import java.net.URI;
import java.util.Objects;

/**
 * The settings an {@link OllamaBackend} sends with every turn, resolved once from a {@link BackendConfig} so that
 * all turns of a run use the same ones.
 *
 * @param baseUrl     the server, without a trailing slash
 * @param model       the model name as Ollama knows it
 * @param numCtx      the context window sent as {@code options.num_ctx}
 * @param temperature {@code options.temperature}, or null to leave it to the model's default
 * @param seed        {@code options.seed}, or null to leave it to the model's default
 * @param numPredict  {@code options.num_predict}, or null to leave it to the model's default
 * @param stream      whether to ask for an NDJSON stream (which lets the time to first token be measured)
 */
public record OllamaSettings(URI baseUrl, String model, int numCtx, Double temperature, Long seed, Integer numPredict,
                             boolean stream) {

    /** Where Ollama listens unless told otherwise. */
    public static final URI DEFAULT_BASE_URL = URI.create("http://localhost:11434");
    /** The seed's context window: it sent {@code num_ctx} 8192 on every request. */
    public static final int DEFAULT_NUM_CTX = 8192;

    /**
     * Rejects a missing URL or model and a non-positive window.
     *
     * @param baseUrl     the server, without a trailing slash
     * @param model       the model name as Ollama knows it
     * @param numCtx      the context window sent as {@code options.num_ctx}
     * @param temperature {@code options.temperature}, or null to leave it to the model's default
     * @param seed        {@code options.seed}, or null to leave it to the model's default
     * @param numPredict  {@code options.num_predict}, or null to leave it to the model's default
     * @param stream      whether to ask for an NDJSON stream (which lets the time to first token be measured)
     */
    public OllamaSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (numCtx <= 0) {
            throw new IllegalArgumentException("num_ctx " + numCtx + " must be positive");
        }
    }

    /**
     * Resolves the settings of a config, applying Ollama's defaults.
     *
     * @param config the config; its model is required
     * @return the settings
     * @throws BackendException {@link BackendException.Kind#CONFIGURATION} when no model is set
     */
    public static OllamaSettings from(BackendConfig config) throws BackendException {
        String model = config.model().map(String::strip).filter(m -> !m.isEmpty()).orElseThrow(
                () -> new BackendException(BackendException.Kind.CONFIGURATION,
                        "backend 'ollama' needs a model name (for example llama3.2)"));
        URI url = config.baseUrl().orElse(DEFAULT_BASE_URL);
        return new OllamaSettings(withoutTrailingSlash(url), model, config.contextSize().orElse(DEFAULT_NUM_CTX),
                config.temperature().orElse(null), config.seed().orElse(null), config.maxTokens().orElse(null),
                HttpOptions.read(config, HttpOptions.STREAM).orElse(true));
    }

    /**
     * The URL of one of the server's endpoints.
     *
     * @param path the endpoint path, starting with {@code /}
     * @return the base URL joined with the path
     */
    public URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    private static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
