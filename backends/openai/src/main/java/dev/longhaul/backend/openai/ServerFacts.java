package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.http.HttpTransport;
import dev.longhaul.backend.http.JsonResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what the server says about itself for {@link BackendInfo}: llama-server's {@code GET /props}
 * ({@code default_generation_settings.n_ctx}, {@code model_alias}, {@code model_path}, {@code build_info},
 * {@code total_slots}) and {@code GET /v1/models} ({@code id}, {@code meta.n_ctx_train}, {@code meta.n_params},
 * {@code meta.size}), each only where answered: vLLM and OpenAI have no {@code /props} (404). A configured context
 * size the server does not run (upstream caps its slot at the model's trained context) is kept as the fact
 * {@code context_size_configured}, with a warning. With the
 * {@code server_log} option, the KV cache type is read from llama-server's start-up log. Failures become a fact
 * ({@code props_error}, {@code models_error}, {@code server_log_error}), never an exception.
 */
final class ServerFacts {

    private static final Logger log = LoggerFactory.getLogger(ServerFacts.class);

    private ServerFacts() {
    }

    static BackendInfo gather(HttpTransport transport, BackendConfig config, CompletionSettings settings) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Integer contextSize = null;
        String model = null;
        boolean reachable = true;
        try {
            Optional<JsonResponse> props = transport.getJson("/props");
            if (props.isPresent()) {
                JsonNode p = props.get().body();
                contextSize = integer(p.path("default_generation_settings").path("n_ctx"));
                putText(facts, "model_alias", p.path("model_alias"));
                putText(facts, "model_path", p.path("model_path"));
                putText(facts, "build_info", p.path("build_info"));
                Integer slots = integer(p.path("total_slots"));
                if (slots != null) {
                    facts.put("total_slots", slots);
                }
                model = p.path("model_alias").isTextual() ? p.path("model_alias").asText() : null;
            }
        } catch (BackendException e) {
            log.warn("could not read server properties: {}", e.getMessage());
            facts.put("props_error", e.getMessage());
            reachable = e.kind() != BackendException.Kind.UNREACHABLE;
        }
        if (reachable) {
            model = fromModels(transport, settings, facts, model);
        }
        if (contextSize != null) {
            facts.put("server_n_ctx", contextSize);
            Integer configured = config.contextSize().orElse(null);
            if (configured != null && !configured.equals(contextSize)) {
                // Upstream llama-server caps its slot at the model's trained context whatever -c says.
                facts.put("context_size_configured", configured);
                log.warn("{} runs a {}-token context, not the {} configured; the run is measured against {}",
                        config.provider(), contextSize, configured, contextSize);
            }
        } else {
            contextSize = config.contextSize().orElse(null);
        }
        String kvType = settings.serverLog() == null ? null : kvFromLog(settings.serverLog(), config, facts);
        Integer trained = facts.get("n_ctx_train") instanceof Long n && n > 0 && n <= Integer.MAX_VALUE
                ? n.intValue() : null;
        return new BackendInfo(config.provider(), model != null ? model : settings.model(), kvType, contextSize,
                trained, facts);
    }

    private static String fromModels(HttpTransport transport, CompletionSettings settings, Map<String, Object> facts,
                                     String model) {
        try {
            Optional<JsonResponse> models = transport.getJson("/v1/models");
            if (models.isEmpty()) {
                return model;
            }
            JsonNode entry = pick(models.get().body().path("data"), settings.model());
            if (entry == null) {
                return model;
            }
            putText(facts, "model_id", entry.path("id"));
            JsonNode meta = entry.path("meta");
            putNumber(facts, "n_ctx_train", meta.path("n_ctx_train"));
            putNumber(facts, "n_params", meta.path("n_params"));
            putNumber(facts, "model_size_bytes", meta.path("size"));
            putNumber(facts, "max_model_len", entry.path("max_model_len"));
            return entry.path("id").isTextual() ? entry.path("id").asText() : model;
        } catch (BackendException e) {
            log.warn("could not list the server's models: {}", e.getMessage());
            facts.put("models_error", e.getMessage());
            return model;
        }
    }

    /** The entry for the configured model, or the only entry when the server lists one. */
    static JsonNode pick(JsonNode data, String wanted) {
        if (!data.isArray()) {
            return null;
        }
        for (JsonNode e : data) {
            if (wanted != null && wanted.equals(e.path("id").asText(null))) {
                return e;
            }
        }
        return data.size() == 1 ? data.get(0) : null;
    }

    private static String kvFromLog(Path file, BackendConfig config, Map<String, Object> facts) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            facts.put("server_log_error", "server log " + file + " cannot be read: " + e.getClass().getSimpleName());
            return null;
        }
        Optional<KvCacheLog> kv = KvCacheLog.parse(text);
        if (kv.isEmpty()) {
            facts.put("server_log_error", "server log " + file + " has no llama_kv_cache size line");
            return null;
        }
        KvCacheLog k = kv.get();
        facts.put("kv_cache_k_type", k.keyType());
        facts.put("kv_cache_v_type", k.valueType());
        facts.put("kv_cache_size_mib", k.sizeMib());
        facts.put("kv_cache_cells", k.cells());
        if (k.flashAttn() != null) {
            facts.put("flash_attn", k.flashAttn());
        }
        if (!k.type().equals(config.kvType())) {
            log.warn("the run is labelled kv type {} but the server log {} shows {}", config.kvType(), file, k.type());
        }
        return k.type();
    }

    private static Integer integer(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null;
    }

    private static void putText(Map<String, Object> facts, String key, JsonNode n) {
        if (n.isTextual() && !n.asText().isEmpty()) {
            facts.put(key, n.asText());
        }
    }

    private static void putNumber(Map<String, Object> facts, String key, JsonNode n) {
        if (n.isIntegralNumber()) {
            facts.put(key, n.asLong());
        } else if (n.isNumber()) {
            facts.put(key, n.asDouble());
        }
    }
}
