package dev.longhaul.analysis;

import static dev.longhaul.analysis.Turns.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private static final String HEAVY = "=".repeat(70);
    private static final String THIN = "\u2500".repeat(70);

    @Test
    void printsFailedTurnsAfterTheVerdictAndAfterTheAlerts() {
        List<TurnMetrics> turns = List.of(turn(1, "code_gen", 0.8, 100, 0, 0.0), turn(3, "code_gen", 0.7, 201, 1, 0.0));
        List<FailedTurn> failed = List.of(
                new FailedTurn(2, "code_gen", "Add thread-safety", FailureKind.TIMEOUT, "no answer within 120 s", 3, 360.0),
                new FailedTurn(4, "code_gen", "Add get_wait_time", FailureKind.UNREACHABLE, "connection refused", 1, 0.0));
        SessionReport report = new SessionReport(new RunConfig("ollama", "llama3", null, 4, 20, "t", Map.of()),
                turns, List.of(), Summaries.of(turns, List.of(), failed.size()), List.of(), failed);

        assertEquals("\n" + HEAVY + "\n"
                + "LONG-SESSION QUALITY REPORT\n"
                + HEAVY + "\n"
                + "Backend: ollama | Model: llama3 | KV: n/a\n"
                + "Turns: 4 | History window: 20\n"
                + THIN + "\n"
                + "Quality Score: avg=0.750 min=0.700 max=0.800\n"
                + "Avg Response: 150 chars\n"
                + "Repetition: 0.000\n"
                + "Hallucinations: 1 total\n"
                + "Degradations: 0 events\n"
                + " \u2713 No significant degradation detected\n"
                + "Failed turns: 2 (not scored)\n"
                + "\n" + THIN + "\n"
                + "FAILED TURNS:\n"
                + " Turn  2 [code_gen  ]: timeout after 3 attempts: no answer within 120 s\n"
                + " Turn  4 [code_gen  ]: unreachable after 1 attempt: connection refused\n"
                + "\n" + THIN + "\n"
                + "PER-PHASE AVERAGES:\n"
                + " code_gen    : avg=0.750 trend=\u2193 first=0.800 last=0.700\n"
                + HEAVY + "\n\n", ReportText.render(report));
    }

    @Test
    void aRunWithoutAnsweredTurnsPrintsNan() {
        SessionReport report = new SessionReport(new RunConfig("ollama", null, "f16", 1, 20, "t", Map.of()),
                List.of(), List.of(), Summaries.of(List.of(), List.of(), 1), List.of(), List.of());
        String text = ReportText.render(report);
        assertTrue(text.contains("Backend: ollama | Model: None | KV: f16\n"));
        assertTrue(text.contains("Quality Score: avg=nan min=nan max=nan\nAvg Response: nan chars\n"));
        assertTrue(text.endsWith("PER-PHASE AVERAGES:\n" + HEAVY + "\n\n"));
    }
}
