package dev.longhaul.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A backend's answer to one {@link ChatRequest}.
 *
 * @param content      the assistant's text
 * @param finishReason why generation stopped ({@code stop}, {@code length}, …) as the backend says it, or null
 * @param stats        token counts and timings
 * @param extra        further backend-specific figures in report order (for example llama-server's
 *                     {@code timings} or Ollama's {@code load_duration}); scalar values only; copied into the
 *                     turn's metrics under these keys
 */
public record ChatResponse(String content, String finishReason, GenerationStats stats, Map<String, Object> extra) {

    /**
     * Copies {@code extra} into an unmodifiable ordered map.
     *
     * @param content      the assistant's text
     * @param finishReason why generation stopped ({@code stop}, {@code length}, …) as the backend says it, or null
     * @param stats        token counts and timings
     * @param extra        further backend-specific figures in report order (for example llama-server's
     *                     {@code timings} or Ollama's {@code load_duration}); scalar values only; copied into the
     *                     turn's metrics under these keys
     */
    public ChatResponse {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(stats, "stats");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /**
     * An answer without extra figures.
     *
     * @param content      the text
     * @param finishReason why generation stopped, or null
     * @param stats        token counts and timings
     * @return the response
     */
    public static ChatResponse of(String content, String finishReason, GenerationStats stats) {
        return new ChatResponse(content, finishReason, stats, Map.of());
    }
}
