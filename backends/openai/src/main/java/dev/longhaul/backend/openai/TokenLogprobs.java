package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running summary of the chosen tokens' log-probabilities ({@code choices[0].logprobs.content[].logprob}): how
 * many, their mean and their minimum. Lower values mean the model was less sure; comparing them between KV cache
 * types shows drift before the text changes.
 */
final class TokenLogprobs {

    private int count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;

    /** Adds the entries of one {@code logprobs} object; ignores anything that is not one. */
    void add(JsonNode logprobs) {
        JsonNode content = logprobs.path("content");
        if (!content.isArray()) {
            return;
        }
        for (JsonNode entry : content) {
            JsonNode lp = entry.path("logprob");
            if (lp.isNumber()) {
                count++;
                sum += lp.asDouble();
                min = Math.min(min, lp.asDouble());
            }
        }
    }

    int count() {
        return count;
    }

    /** @return {@code logprob_tokens}, {@code logprob_mean}, {@code logprob_min}; nothing when none were sent */
    Map<String, Object> extra() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (count > 0) {
            out.put("logprob_tokens", count);
            out.put("logprob_mean", sum / count);
            out.put("logprob_min", min);
        }
        return out;
    }
}
