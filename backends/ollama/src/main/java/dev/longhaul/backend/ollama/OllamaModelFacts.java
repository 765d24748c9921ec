package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model facts of an {@code /api/show} answer (and the server version of {@code /api/version}) as a
 * {@link BackendInfo}.
 *
 * <p>The info's context size is the requested {@code num_ctx}: that is the window Ollama runs the model with. The
 * model's trained context length ({@code model_info["<arch>.context_length"]}) is a fact of its own,
 * {@code model_context_length}. Ollama does not reveal its KV cache type, so {@code kvType} stays null.
 */
final class OllamaModelFacts {

    private final OllamaSettings settings;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private Integer modelContextLength;

    OllamaModelFacts(OllamaSettings settings) {
        this.settings = settings;
    }

    /**
     * @param version the {@code version} of {@code /api/version}
     * @return this
     */
    OllamaModelFacts serverVersion(String version) {
        if (version != null && !version.isBlank()) {
            facts.put("server_version", version);
        }
        return this;
    }

    /**
     * @param show the {@code /api/show} answer
     * @return this
     */
    OllamaModelFacts show(JsonNode show) {
        JsonNode details = show.path("details");
        putText("family", details.path("family"));
        putText("parameter_size", details.path("parameter_size"));
        putText("quantization_level", details.path("quantization_level"));
        putText("format", details.path("format"));
        JsonNode info = show.path("model_info");
        String architecture = info.path("general.architecture").asText("");
        putText("architecture", info.path("general.architecture"));
        if (info.path("general.parameter_count").isIntegralNumber()) {
            facts.put("parameter_count", info.get("general.parameter_count").asLong());
        }
        JsonNode contextLength = architecture.isEmpty() ? null : info.get(architecture + ".context_length");
        if (contextLength != null && contextLength.isIntegralNumber()) {
            modelContextLength = contextLength.asInt();
            facts.put("model_context_length", modelContextLength);
        }
        return this;
    }

    /** @return the model's trained context length, or null when {@code /api/show} did not give it */
    Integer modelContextLength() {
        return modelContextLength;
    }

    BackendInfo toInfo() {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put("num_ctx", settings.numCtx());
        all.put("url", settings.baseUrl().toString());
        return new BackendInfo(OllamaProvider.NAME, settings.model(), null, settings.numCtx(), modelContextLength,
                all);
    }

    private void putText(String key, JsonNode value) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            facts.put(key, value.asText());
        }
    }
}
