package dev.longhaul.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend knows about the model it serves, reported once per run into the report's {@code config}.
 *
 * @param provider    the provider name ({@code ollama}, {@code llama-server}, {@code llamacpp}, …)
 * @param model       the model name the server or file reports, or null
 * @param kvType      the KV cache type that was actually applied, or null when the backend cannot know it
 *                    (servers do not reveal it; the embedded backend does)
 * @param contextSize the context window in tokens, or null when unknown
 * @param trainedContextSize the context length the model was trained for (its GGUF's
 *                    {@code <arch>.context_length}), or null when unknown; a server may run a larger window, and
 *                    the turns past this length are then marked in the report
 * @param facts       further facts (server build, parameter count, …), scalar values only, in report order
 */
public record BackendInfo(String provider, String model, String kvType, Integer contextSize,
                          Integer trainedContextSize, Map<String, Object> facts) {

    /**
     * Copies {@code facts} into an unmodifiable ordered map.
     *
     * @param provider    the provider name ({@code ollama}, {@code llama-server}, {@code llamacpp}, …)
     * @param model       the model name the server or file reports, or null
     * @param kvType      the KV cache type that was actually applied, or null when the backend cannot know it
     *                    (servers do not reveal it; the embedded backend does)
     * @param contextSize the context window in tokens, or null when unknown
     * @param trainedContextSize the context length the model was trained for, or null when unknown
     * @param facts       further facts (server build, parameter count, …), scalar values only, in report order
     */
    public BackendInfo {
        Objects.requireNonNull(provider, "provider");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
    }

    /**
     * Info without the model's trained context length.
     *
     * @param provider    the provider name
     * @param model       the model name the server or file reports, or null
     * @param kvType      the KV cache type that was actually applied, or null when the backend cannot know it
     * @param contextSize the context window in tokens, or null when unknown
     * @param facts       further facts, scalar values only, in report order
     */
    public BackendInfo(String provider, String model, String kvType, Integer contextSize, Map<String, Object> facts) {
        this(provider, model, kvType, contextSize, null, facts);
    }

    /**
     * Info with nothing known beyond the provider name and the configured model.
     *
     * @param provider the provider name
     * @param model    the configured model name, or null
     * @return the info
     */
    public static BackendInfo basic(String provider, String model) {
        return new BackendInfo(provider, model, null, null, Map.of());
    }
}
