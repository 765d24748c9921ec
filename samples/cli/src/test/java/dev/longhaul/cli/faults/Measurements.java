package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What two runs of the same conversation against the deterministic server must agree on: all but the timings. */
final class Measurements {

    private static final Set<String> TIMING_KEYS = Set.of("elapsed_s", "ttft_s", "tokens_per_s");

    private Measurements() {
    }

    /** Same answers, same scores and figures (timings aside), same alerts and summary, no failures. */
    static void assertSame(SessionReport expected, SessionReport actual) {
        assertEquals(expected.turnMetrics().size(), actual.turnMetrics().size());
        List<Map<String, Object>> want = withoutTimings(expected.turnMetrics());
        assertTrue(want.get(0).keySet().containsAll(List.of("quality_score", "response_length", "tokens_generated",
                "prompt_eval_count", "finish_reason")), want.get(0).keySet().toString());
        assertEquals(want, withoutTimings(actual.turnMetrics()));
        assertEquals(expected.responses(), actual.responses());
        assertEquals(expected.degradationAlerts(), actual.degradationAlerts());
        assertEquals(expected.summary(), actual.summary());
        assertEquals(List.of(), actual.failedTurns());
    }

    private static List<Map<String, Object>> withoutTimings(List<TurnMetrics> metrics) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TurnMetrics m : metrics) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("turn", m.turn());
            values.put("phase", m.phase());
            m.values().forEach((k, v) -> {
                if (!TIMING_KEYS.contains(k) && !k.endsWith("_ms") && !k.endsWith("per_second")
                        && !k.endsWith("_per_s") && !k.endsWith("_duration")) {
                    values.put(k, comparable(v));
                }
            });
            out.add(values);
        }
        return out;
    }

    /** A figure restored from a checkpoint may come back as an Integer where the backend gave a Long: same JSON. */
    private static Object comparable(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        return value instanceof Float f ? f.doubleValue() : value;
    }
}
