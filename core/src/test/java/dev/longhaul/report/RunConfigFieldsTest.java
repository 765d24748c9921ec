package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
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
}
