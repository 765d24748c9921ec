package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures Ollama puts in the final object of an answer ({@code done: true}). Every field is null when the
 * server left it out: Ollama omits zero values.
 *
 * @param totalDurationNanos      {@code total_duration}: the whole request on the server, in ns
 * @param loadDurationNanos       {@code load_duration}: loading the model, in ns
 * @param promptEvalCount         {@code prompt_eval_count}: prompt tokens (including ones served from the cache)
 * @param promptEvalCachedCount   {@code prompt_eval_cached_count}: prompt tokens read from the cache (newer servers)
 * @param promptEvalDurationNanos {@code prompt_eval_duration}: evaluating the prompt, in ns
 * @param evalCount               {@code eval_count}: tokens generated
 * @param evalDurationNanos       {@code eval_duration}: generating them, in ns
 */
record OllamaMetrics(Long totalDurationNanos, Long loadDurationNanos, Long promptEvalCount,
                     Long promptEvalCachedCount, Long promptEvalDurationNanos, Long evalCount,
                     Long evalDurationNanos) {

    static final OllamaMetrics NONE = new OllamaMetrics(null, null, null, null, null, null, null);

    static OllamaMetrics of(JsonNode object) {
        return new OllamaMetrics(whole(object, "total_duration"), whole(object, "load_duration"),
                whole(object, "prompt_eval_count"), whole(object, "prompt_eval_cached_count"),
                whole(object, "prompt_eval_duration"), whole(object, "eval_count"), whole(object, "eval_duration"));
    }

    private static Long whole(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return v != null && v.isIntegralNumber() ? v.asLong() : null;
    }
}
