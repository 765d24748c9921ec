package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * llama-server's non-OpenAI {@code timings} object, as report figures under {@code server_}-prefixed snake_case
 * keys: {@code server_cache_n}, {@code server_prompt_n}, {@code server_prompt_ms},
 * {@code server_prompt_per_second}, {@code server_predicted_n}, {@code server_predicted_ms},
 * {@code server_predicted_per_second}. These are the server's own measurements (decode speed without the network).
 */
final class ServerTimings {

    private static final String[] FIELDS = {"cache_n", "prompt_n", "prompt_ms", "prompt_per_second", "predicted_n",
        "predicted_ms", "predicted_per_second"};

    private ServerTimings() {
    }

    static Map<String, Object> extra(JsonNode timings) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (timings == null || !timings.isObject()) {
            return out;
        }
        for (String field : FIELDS) {
            JsonNode v = timings.path(field);
            if (v.isIntegralNumber()) {
                out.put("server_" + field, v.asLong());
            } else if (v.isNumber()) {
                out.put("server_" + field, v.asDouble());
            }
        }
        return out;
    }
}
