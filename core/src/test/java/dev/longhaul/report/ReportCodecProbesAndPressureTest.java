package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sections a run with probes or context figures adds: where they go, and that they round-trip byte for byte. */
class ReportCodecProbesAndPressureTest {

    private static TurnMetrics turn(int turn, double fill, String pressure, Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quality_score", 0.5);
        values.put("prompt_eval_count", (int) Math.round(fill * 1000));
        values.put("prompt_chars", 4000);
        values.put("context_size", 1000);
        values.put("context_fill", fill);
        if (pressure != null) {
            values.put("context_pressure", pressure);
        }
        values.putAll(more);
        return new TurnMetrics(turn, "debug", values);
    }

    private static SessionReport report(List<TurnMetrics> turns, List<DegradationAlert> alerts) {
        RunConfig config = new RunConfig("ollama", "llama3", "q8_0", turns.size(), 20, "t", Map.of());
        return new SessionReport(config, turns, alerts, new Summary(0.5, 0.5, 0.5, alerts.size(),
                alerts.isEmpty() ? null : alerts.get(0).turn(), 10.0, 0, 0.0, 0), List.of(), List.of());
    }

    private static final SessionReport WITH_BOTH = report(List.of(
            turn(1, 0.4, null, Map.of("plant_key", "k", "excluded_from_quality", true)),
            turn(2, 0.93, "near", Map.of()),
            turn(3, 0.998, "full", Map.of("context_truncated_suspected", true)),
            turn(4, 0.99, "full", probe(3, true, true))),
            List.of(new DegradationAlert(3, "debug", 0.2, 0.8, 0.6, true), new DegradationAlert(4, "debug", 0.2, 0.8, 0.6)));

    private static Map<String, Object> probe(int distance, boolean inContext, boolean recalled) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("excluded_from_quality", true);
        values.put("probe_key", "k");
        values.put("probe_distance_turns", distance);
        values.put("probe_in_context", inContext);
        values.put("probe_recalled", recalled);
        return values;
    }

    @Test
    void writesTheAddedSectionsAfterTheSeedsKeys() {
        String json = ReportCodec.toJson(WITH_BOTH);
        assertTrue(json.contains("\"drop\": 0.6,\n      \"context_pressure\": true\n    },\n    {\n      \"turn\": 4,"), json);
        assertTrue(json.contains("\"drop\": 0.6\n    }\n  ],"), "an alert without pressure keeps the seed's keys only");
        assertTrue(json.contains("\"failed_turns\": 0,\n    \"context_near_turns\": 1,\n    \"context_full_turns\": 2,\n"
                + "    \"context_truncated_suspected_turns\": 1,\n    \"max_context_fill\": 0.998\n  },"), json);
        assertTrue(json.endsWith("  \"failed_turns\": [],\n  \"probes\": {\n    \"probed\": 1,\n    \"recalled\": 1,\n"
                + "    \"recall\": 1.0,\n    \"in_context\": {\n      \"probed\": 1,\n      \"recalled\": 1,\n"
                + "      \"recall\": 1.0\n    },\n    \"out_of_context\": {\n      \"probed\": 0,\n      \"recalled\": 0,\n"
                + "      \"recall\": null\n    },\n    \"by_distance_turns\": {\n      \"1-5\": {\n        \"probed\": 1,\n"
                + "        \"recalled\": 1,\n        \"recall\": 1.0\n      },\n      \"6-10\": {\n        \"probed\": 0,\n"
                + "        \"recalled\": 0,\n        \"recall\": null\n      },\n      \"11-20\": {\n        \"probed\": 0,\n"
                + "        \"recalled\": 0,\n        \"recall\": null\n      },\n      \"21+\": {\n        \"probed\": 0,\n"
                + "        \"recalled\": 0,\n        \"recall\": null\n      }\n    },\n    \"unplanted\": 0\n  },\n"
                + "  \"longhaul_report\": 1\n}"), json);
    }

    @Test
    void readsBackToTheSameReportAndTheSameBytes() {
        String json = ReportCodec.toJson(WITH_BOTH);
        SessionReport read = ReportCodec.fromJson(json);
        assertEquals(WITH_BOTH, read);
        assertTrue(read.degradationAlerts().get(0).contextPressure());
        assertFalse(read.degradationAlerts().get(1).contextPressure());
        assertEquals(json, ReportCodec.toJson(read));
    }

    @Test
    void aRunWithoutContextSizeOrProbesGetsNoneOfTheSections() {
        SessionReport plain = report(List.of(new TurnMetrics(1, "debug", Map.of("quality_score", 0.5))), List.of());
        String json = ReportCodec.toJson(plain);
        assertFalse(json.contains("context_"), json);
        assertFalse(json.contains("probes"), json);
        assertTrue(json.endsWith("\"failed_turns\": 0\n  },\n  \"responses\": [],\n  \"failed_turns\": [],\n"
                + "  \"longhaul_report\": 1\n}"), json);
    }

    @Test
    void aContextSizeWithoutPressureStillGivesTheCounts() {
        String json = ReportCodec.toJson(report(List.of(turn(1, 0.2, null, Map.of())), List.of()));
        assertTrue(json.contains("\"context_near_turns\": 0,\n    \"context_full_turns\": 0,\n"
                + "    \"context_truncated_suspected_turns\": 0,\n    \"max_context_fill\": 0.2\n"), json);
    }

    @Test
    void aBadContextPressureOnAnAlertIsNamed() {
        String json = ReportCodec.toJson(WITH_BOTH).replace("\"context_pressure\": true\n    }",
                "\"context_pressure\": \"yes\"\n    }");
        assertEquals("<json text>: degradation_alerts[0].context_pressure is \"yes\", expected true or false",
                assertThrows(ReportFormatException.class, () -> ReportCodec.fromJson(json)).getMessage());
    }
}
