package dev.longhaul.analysis.pressure;

import dev.longhaul.report.MetricKey;
import java.util.Map;

/**
 * The context length a model was trained for, against one turn. A server can run a larger window than that: the
 * TurboQuant fork's llama-server (and Ollama, with a large {@code num_ctx}) answers prompts past it, stretching the
 * positional encoding (llama-server logs "using rope scaling to extend"), while upstream llama-server caps its slot
 * at the trained length and refuses them. Answers past the trained length are extrapolation and cannot be compared
 * as equals with answers inside it, so such a turn is marked {@code past_trained_context: true}.
 *
 * @param tokens the trained context length in tokens, at least 1
 */
public record TrainedContext(int tokens) {

    /**
     * Rejects a length below 1.
     *
     * @param tokens the trained context length in tokens, at least 1
     */
    public TrainedContext {
        if (tokens < 1) {
            throw new IllegalArgumentException("trained context must be at least 1 token, was " + tokens);
        }
    }

    /**
     * @param promptTokens     prompt tokens as the backend counted them, or null when it did not say
     * @param completionTokens tokens generated, or null when the backend did not say
     * @return {@code past_trained_context: true} when the prompt and the answer went past the trained length; empty
     *         otherwise or when the prompt's size is unknown
     */
    public Map<String, Object> values(Integer promptTokens, Integer completionTokens) {
        if (promptTokens == null) {
            return Map.of();
        }
        long used = (long) promptTokens + (completionTokens == null ? 0 : completionTokens);
        return used > tokens ? Map.of(MetricKey.PAST_TRAINED_CONTEXT.name(), true) : Map.of();
    }
}
