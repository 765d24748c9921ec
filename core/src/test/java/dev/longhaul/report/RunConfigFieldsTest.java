package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the engine reads back from a report's config, typed; the snake_case keys stay the JSON's. */
class RunConfigFieldsTest {

    private static RunConfig config(Map<String, Object> extra) {
        return new RunConfig("scripted", "m", "q8_0", 4, 2, "2026-01-01T00:00:00", extra);
    }

    @Test
    void stoppedEarlyKvTypeAppliedAndContextSizeReadAsTheirTypes() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("kv_type_applied", true);
        extra.put("context_size", 4096);
        extra.put("context_train", 2048);
        extra.put("seed", 43);
        RunConfig c = config(extra).withStoppedEarly("3 consecutive failed turns");

        assertEquals(Optional.of("3 consecutive failed turns"), c.stoppedEarly());
        assertEquals(Optional.of(true), c.kvTypeApplied());
        assertEquals(Optional.of(4096), c.contextSize());
        assertEquals(Optional.of(2048), c.trainedContextSize());
        assertEquals(Optional.of(43L), c.samplingSeed());
        assertEquals("3 consecutive failed turns", c.extra().get("stopped_early"), "the report's key");
    }

    @Test
    void absentOrUnusableValuesAreEmpty() {
        RunConfig none = config(Map.of());
        assertEquals(Optional.empty(), none.stoppedEarly());
        assertEquals(Optional.empty(), none.kvTypeApplied());
        assertEquals(Optional.empty(), none.contextSize());
        assertEquals(Optional.empty(), none.trainedContextSize());
        assertEquals(Optional.empty(), none.samplingSeed());
        assertEquals(Optional.empty(), config(Map.of("context_size", 0, "kv_type_applied", "yes")).contextSize());
        assertEquals(Optional.empty(), config(Map.of("kv_type_applied", "yes")).kvTypeApplied());
    }

    @Test
    void theStudyAndServerFieldsReadTheirKeysAndTheWritersWriteThem() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("temperature", 0);
        extra.put("script", "seed");
        extra.put("backend_info", Map.of("flash_attention", "on"));
        extra.put("server_command", List.of("llama-server", "-c", 4096));
        extra.put("server_kv_log", List.of("llama_kv_cache: size = 12.00 MiB"));
        RunConfig c = config(extra).withAbRepeat(2).withNoiseFloor().withSharedHistoryFrom("f16");

        assertEquals(Optional.of(0.0), c.temperature());
        assertEquals(Optional.of("seed"), c.script());
        assertEquals(Map.of("flash_attention", "on"), c.backendInfo());
        assertEquals(Optional.of(List.of("llama-server", "-c", "4096")), c.serverCommand());
        assertEquals(Optional.of(List.of("llama_kv_cache: size = 12.00 MiB")), c.serverKvLog());
        assertEquals(Optional.of(2), c.abRepeat());
        assertEquals(true, c.noiseFloor());
        assertEquals(Optional.of("f16"), c.sharedHistoryFrom());
        assertEquals(List.of("temperature", "script", "backend_info", "server_command", "server_kv_log",
                "ab_repeat", "ab_role", "shared_history_from"), List.copyOf(c.extra().keySet()),
                "the report's keys, in the order written");
        assertEquals("noise_floor", c.extra().get("ab_role"));

        RunConfig none = config(Map.of());
        assertEquals(Map.of(), none.backendInfo());
        assertEquals(false, none.noiseFloor());
        assertEquals(Optional.empty(), none.abRepeat());
        assertEquals(Optional.empty(), none.sharedHistoryFrom());
        assertEquals(Optional.empty(), none.serverCommand());
        assertEquals(Optional.empty(), config(Map.of("ab_role", "arm")).abRepeat());
        assertEquals(false, config(Map.of("ab_role", "arm")).noiseFloor());
    }
}
