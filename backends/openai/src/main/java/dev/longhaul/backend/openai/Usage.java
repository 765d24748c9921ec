package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The token counts of an answer: OpenAI's {@code usage}, with llama-server's {@code timings.cache_n} as the cached
 * count when {@code prompt_tokens_details.cached_tokens} is missing.
 *
 * @param promptTokens     {@code usage.prompt_tokens}, or null
 * @param completionTokens {@code usage.completion_tokens}, or null
 * @param cachedTokens     {@code usage.prompt_tokens_details.cached_tokens} (or {@code timings.cache_n}), or null
 */
record Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens) {

    static final Usage NONE = new Usage(null, null, null);

    static Usage of(JsonNode usage, JsonNode timings) {
        Integer cached = integer(usage.path("prompt_tokens_details").path("cached_tokens"));
        if (cached == null) {
            cached = integer(timings.path("cache_n"));
        }
        return new Usage(integer(usage.path("prompt_tokens")), integer(usage.path("completion_tokens")), cached);
    }

    private static Integer integer(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null;
    }
}
