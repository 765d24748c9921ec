package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextProbesAndPressureTest {

    private static final String HEAVY = "=".repeat(70);
    private static final String THIN = "\u2500".repeat(70);

    private static TurnMetrics turn(int turn, String phase, double score, Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("response_length", 100);
        values.put("hallucinated_references", 0);
        values.put("repetition_ratio", 0.0);
        values.put("quality_score", score);
        values.putAll(more);
        return new TurnMetrics(turn, phase, values);
    }

    @Test
    void addsThePressureLineTheAlertNoteAndTheRecallSectionAndLeavesExcludedTurnsOutOfThePhases() {
        List<TurnMetrics> turns = List.of(
                turn(1, "debug", 0.8, Map.of("context_size", 1000, "context_fill", 0.5)),
                turn(2, "debug", 0.1, Map.of("context_size", 1000, "context_fill", 0.6, "excluded_from_quality", true,
                        "plant_key", "k")),
                turn(3, "debug", 0.3, Map.of("context_size", 1000, "context_fill", 0.97, "context_pressure", "full",
                        "context_truncated_suspected", true)),
                turn(4, "debug", 0.05, Map.of("context_size", 1000, "context_fill", 0.92, "context_pressure", "near",
                        "excluded_from_quality", true, "probe_key", "k", "probe_distance_turns", 2,
                        "probe_in_context", true, "probe_recalled", false)));
        List<DegradationAlert> alerts = List.of(new DegradationAlert(3, "debug", 0.3, 0.8, 0.5, true));
        Summary summary = Summaries.of(List.of(turns.get(0), turns.get(2)), alerts, 0);
        SessionReport report = new SessionReport(new RunConfig("ollama", "llama3", "q8_0", 4, 20, "t", Map.of()),
                turns, alerts, summary, List.of(), List.of());

        assertEquals("\n" + HEAVY + "\n"
                + "LONG-SESSION QUALITY REPORT\n"
                + HEAVY + "\n"
                + "Backend: ollama | Model: llama3 | KV: q8_0\n"
                + "Turns: 4 | History window: 20\n"
                + THIN + "\n"
                + "Quality Score: avg=0.550 min=0.300 max=0.800\n"
                + "Avg Response: 100 chars\n"
                + "Repetition: 0.000\n"
                + "Hallucinations: 0 total\n"
                + "Degradations: 1 events\n"
                + " \u26a0 First degradation at turn 3\n"
                + "Context pressure: 1 turns near the context, 1 full, 1 truncation suspected (max fill 0.970)\n"
                + "\n" + THIN + "\n"
                + "DEGRADATION ALERTS:\n"
                + " Turn  3 [debug     ]: score=0.300 (window avg=0.800, drop=0.500)\n"
                + "          \u21b3 context pressure in this turn or its window: the drop may be the context's\n"
                + "\n" + THIN + "\n"
                + "RECALL PROBES:\n"
                + " recall           q8_0\n"
                + " all              0/1 0.000\n"
                + " in context       0/1 0.000\n"
                + " out of context   0/0 -\n"
                + " 1-5 turns        0/1 0.000\n"
                + " 6-10 turns       0/0 -\n"
                + " 11-20 turns      0/0 -\n"
                + " 21+ turns        0/0 -\n"
                + "\n" + THIN + "\n"
                + "PER-PHASE AVERAGES:\n"
                + " debug       : avg=0.550 trend=\u2193 first=0.800 last=0.300\n"
                + HEAVY + "\n\n", ReportText.render(report));
    }

    @Test
    void aKnownContextWithoutPressurePrintsAsTheSeedDoes() {
        List<TurnMetrics> turns = List.of(turn(1, "debug", 0.8, Map.of("context_size", 1000, "context_fill", 0.5)));
        SessionReport withContext = new SessionReport(new RunConfig("ollama", "m", "f16", 1, 20, "t", Map.of()),
                turns, List.of(), Summaries.of(turns, List.of(), 0), List.of(), List.of());
        List<TurnMetrics> bare = List.of(turn(1, "debug", 0.8, Map.of()));
        SessionReport without = new SessionReport(withContext.config(), bare, List.of(), Summaries.of(bare, List.of(), 0),
                List.of(), List.of());
        assertEquals(ReportText.render(without), ReportText.render(withContext));
    }
}
