package dev.longhaul.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.Backends;
import dev.longhaul.report.RunConfig;
import dev.longhaul.script.Script;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint's start line: every setting a resumed run needs to continue exactly as the interrupted one would
 * have — the report's config, the session settings, the whole script and the backend config (an API key only by
 * the name of its environment variable).
 */
final class CheckpointStart {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointStart() {
    }

    static ObjectNode toJson(RunConfig config, LongSession.Settings s, Script script, BackendConfig backend) {
        ObjectNode start = JSON.createObjectNode();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("backend", config.backend());
        cfg.put("model", config.model());
        cfg.put("kv_type", config.kvType());
        cfg.put("total_turns", config.totalTurns());
        cfg.put("history_window", config.historyWindow());
        cfg.put("timestamp", config.timestamp());
        cfg.putAll(config.extra());
        start.set("config", JSON.valueToTree(cfg));

        ObjectNode settings = start.putObject("settings");
        settings.put("turns", s.turns());
        settings.put("history_window", s.historyWindow());
        if (s.historySlide() > 1) {
            settings.put("history_slide", s.historySlide());
        }
        settings.put("delay_ms", s.delay().toMillis());
        settings.put("save_responses", s.saveResponses());
        settings.put("degradation_window", s.degradationWindow());
        settings.put("degradation_threshold", s.degradationThreshold());
        settings.put("max_consecutive_failures", s.maxConsecutiveFailures());
        settings.put("scorer", s.scorerName());

        try {
            start.set("script", JSON.readTree(script.toJson()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a script's own JSON did not parse", e); // not reached: toJson writes JSON
        }

        if (backend != null) {
            ObjectNode b = start.putObject("backend");
            b.put("provider", backend.provider());
            backend.model().ifPresent(v -> b.put("model", v));
            backend.baseUrl().ifPresent(v -> b.put("url", v.toString()));
            b.put("kv_type", backend.kvType());
            b.put("timeout_ms", backend.timeout().toMillis());
            backend.temperature().ifPresent(v -> b.put("temperature", v));
            backend.seed().ifPresent(v -> b.put("seed", v));
            backend.maxTokens().ifPresent(v -> b.put("max_tokens", v));
            backend.contextSize().ifPresent(v -> b.put("context_size", v));
            ObjectNode options = b.putObject("options");
            backend.options().forEach(options::put);
        }
        return start;
    }

    static RunConfig runConfig(JsonNode start) {
        JsonNode c = start.path("config");
        Map<String, Object> extra = new LinkedHashMap<>();
        c.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "backend", "model", "kv_type", "total_turns", "history_window", "timestamp" -> { }
                default -> extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return new RunConfig(c.path("backend").asText(), c.path("model").asText(), c.path("kv_type").asText(),
                c.path("total_turns").asInt(), c.path("history_window").asInt(), c.path("timestamp").asText(), extra);
    }

    static void applySettings(JsonNode start, SessionBuilder b) {
        JsonNode s = start.path("settings");
        b.turns(s.path("turns").asInt());
        b.historyWindow(s.path("history_window").asInt());
        b.historySlide(s.path("history_slide").asInt(1));
        b.delay(Duration.ofMillis(s.path("delay_ms").asLong()));
        b.saveResponses(s.path("save_responses").asBoolean());
        b.degradationWindow(s.path("degradation_window").asInt());
        b.degradationThreshold(s.path("degradation_threshold").asDouble());
        b.maxConsecutiveFailures(s.path("max_consecutive_failures").asInt());
        JsonNode script = start.path("script");
        b.script(Script.fromJson(script.toString(), script.path("name").asText()));
        JsonNode backend = start.path("backend");
        if (backend.isObject()) {
            b.backend(backendConfig(backend));
        }
    }

    static String scorerName(JsonNode start) {
        return start.path("settings").path("scorer").asText();
    }

    /** The shared settings a start line names, besides {@code options}. */
    private static final Set<String> SHARED = Set.of("provider", "model", "url", "kv_type", "timeout_ms",
            "temperature", "seed", "max_tokens", "context_size", "options");

    private static BackendConfig backendConfig(JsonNode n) {
        BackendConfig.Builder c = BackendConfig.builder(n.path("provider").asText())
                .kvType(n.path("kv_type").asText())
                .timeout(Duration.ofMillis(n.path("timeout_ms").asLong()));
        if (n.has("model")) {
            c.model(n.get("model").asText());
        }
        if (n.has("url")) {
            c.baseUrl(n.get("url").asText());
        }
        if (n.has("temperature")) {
            c.temperature(n.get("temperature").asDouble());
        }
        if (n.has("seed")) {
            c.seed(n.get("seed").asLong());
        }
        if (n.has("max_tokens")) {
            c.maxTokens(n.get("max_tokens").asInt());
        }
        if (n.has("context_size")) {
            c.contextSize(n.get("context_size").asInt());
        }
        legacyOptions(n, c);
        n.path("options").fields().forEachRemaining(e -> c.option(e.getKey(), e.getValue().asText()));
        return c.build();
    }

    /**
     * Journals written before backends owned their options kept some of them (threads, model_file, stream,
     * max_retries, connect_timeout_ms, max_request_ms, api_key_env) beside the shared settings, for every backend:
     * they become the options of the same names where the provider has such an option, and are dropped elsewhere,
     * as that backend ignored them.
     */
    private static void legacyOptions(JsonNode n, BackendConfig.Builder c) {
        Set<String> declared = Backends.discover().optionNames(n.path("provider").asText());
        n.fields().forEachRemaining(e -> {
            if (!SHARED.contains(e.getKey()) && declared.contains(e.getKey())) {
                c.option(e.getKey(), e.getValue().asText());
            }
        });
    }
}
