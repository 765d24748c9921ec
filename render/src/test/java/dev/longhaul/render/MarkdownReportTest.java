package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final SessionReport F16 = Runs.run("f16", Runs.scores(10, 0.8), Set.of(), Set.of());
    private static final SessionReport Q8 = Runs.run("q8_0",
            new double[]{0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 0.5, 0.6, 0.6, 0.6}, Set.of(4), Set.of(7));

    @Test
    void summaryHasEachRunsFiguresTheComparisonPhasesAlertsAndFailures() {
        String md = MarkdownReport.render(ReportSet.of(List.of(F16, Q8)));

        assertTrue(md.startsWith("## longhaul: f16 vs q8\\_0\n\ntest-model on scripted, 10 turns, history window 20\n\n"), md);
        assertTrue(md.contains("| run | avg quality | min | max | degradations | first at turn | failed turns | avg length |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + "| f16 | 0.800 | 0.800 | 0.800 | 0 | none | 0 | 106 |\n"
                + "| q8\\_0 | 0.678 | 0.500 | 0.800 | 1 | 7 | 1 | 106 |\n"), md);
        assertTrue(md.contains("### f16 vs q8\\_0\n\n**Verdict:** f16 is BETTER by 0.122  \n"), md);
        assertTrue(md.contains("| Avg Quality Score | 0.800 | 0.678 |\n"), md);
        assertTrue(md.contains("| Failed Turns | 0 | 1 |\n\n**Quality Delta:** -0.122  \n"), md);
        assertTrue(md.contains("| code\\_gen | 0.800 → | 0.800 → |\n| debug | 0.800 → | 0.580 → |\n"), md);
        assertTrue(md.contains("- q8\\_0, turn 7 (debug): score 0.500, window avg 0.700, drop 0.200\n"), md);
        assertTrue(md.endsWith("### Failed turns (not scored)\n\n"
                + "- q8\\_0, turn 4 (code\\_gen): timeout after 3 attempts: no answer within 120 s\n"), md);
    }

    @Test
    void textCannotBreakATableOrOpenATag() {
        SessionReport run = Runs.run("a|b", Runs.scores(2, 0.8), Set.of(), Set.of());
        List<FailedTurn> failed = new ArrayList<>(run.failedTurns());
        failed.add(new FailedTurn(3, "x", "p", FailureKind.SERVER_ERROR, "HTTP 500: <html>|oops|\n[link](http://x)", 1, 0.1));
        run = new SessionReport(run.config(), run.turnMetrics(), run.degradationAlerts(), run.summary(), run.responses(),
                failed);

        String md = MarkdownReport.render(ReportSet.of(List.of(run)));

        assertTrue(md.contains("| a\\|b | 0.800 |"), md);
        assertTrue(md.contains("server\\_error after 1 attempt: HTTP 500: &lt;html&gt;\\|oops\\| \\[link\\](http://x)\n"), md);
        assertFalse(md.contains("<html>"));
    }

    @Test
    void perMetricTablesAreShownAndLongPerTurnTablesLeftToTheHtml() {
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("labels", List.of("f16", "q8_0"));
        comparison.put("metrics", Map.of("quality_score", Map.of("delta", -0.5)));
        List<Map<String, Object>> perTurn = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            perTurn.add(Map.of("turn", t));
        }
        comparison.put("per_turn", perTurn);
        comparison.put("verdict", "f16 is better");

        String md = MarkdownReport.render(new ReportSet(List.of(new Arm("f16", F16), new Arm("q8_0", Q8)),
                List.of(comparison)));

        assertTrue(md.contains("**Verdict:** f16 is better  \n"), md);
        assertTrue(md.contains("Metrics:\n\n|  | delta |\n| --- | ---: |\n| quality\\_score | -0.5 |\n"), md);
        assertTrue(md.contains("Per turn: 20 rows, in the HTML report.\n"), md);
    }

    @Test
    void anAlertUnderContextPressureSaysSo() {
        SessionReport pressed = new SessionReport(Q8.config(), Q8.turnMetrics(),
                List.of(Q8.degradationAlerts().get(0).withContextPressure()), Q8.summary(), Q8.responses(),
                Q8.failedTurns());

        String md = MarkdownReport.render(ReportSet.of(List.of(F16, pressed)));

        assertTrue(md.contains("- q8\\_0, turn 7 (debug): score 0.500, window avg 0.700, drop 0.200, context pressure\n"),
                md);
    }

    @Test
    void escapeLeavesPlainTextAlone() {
        assertEquals("plain text 0.5", MarkdownReport.escape("plain text 0.5"));
    }
}
