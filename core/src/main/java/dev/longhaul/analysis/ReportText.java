package dev.longhaul.analysis;

import static dev.longhaul.report.PythonFormat.alignLeft;
import static dev.longhaul.report.PythonFormat.alignRight;
import static dev.longhaul.report.PythonFormat.fixed;
import static dev.longhaul.report.PythonFormat.str;

import dev.longhaul.analysis.probes.RecallTable;
import dev.longhaul.report.ContextPressureCounts;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The human-readable report, line for line what the seed's {@code print_report} prints, with these deviations:
 * <ul>
 *   <li>the thin separator lines, whose glyph the seed's source lost, are {@code ─} (U+2500) × 70;</li>
 *   <li>the per-phase trends, also lost, are {@code ↑} (last score above the first), {@code ↓} (below) and
 *       {@code →} (equal);</li>
 *   <li>a run with failed turns also gets a {@code Failed turns: N (not scored)} line after the degradation
 *       verdict and a {@code FAILED TURNS:} section after the alerts; without failed turns nothing is added;</li>
 *   <li>a missing KV type prints {@code n/a} (the seed prints {@code n/a} for a missing key);</li>
 *   <li>a run with turns near or past the context size gets a {@code Context pressure: …} line after the
 *       degradation verdict, and an alert that coincides with such turns a note line under it;</li>
 *   <li>a run with recall probes gets a {@code RECALL PROBES:} section ({@link RecallTable}) before the per-phase
 *       averages;</li>
 *   <li>turns excluded from the quality figures are left out of the per-phase averages.</li>
 * </ul>
 * Without any of these a report prints exactly as the seed prints it.
 */
public final class ReportText {

    private static final String HEAVY_RULE = "=".repeat(70);
    private static final String THIN_RULE = "\u2500".repeat(70);

    private ReportText() {
    }

    /**
     * @param report the report
     * @return the text, lines ending in {@code \n}, starting with an empty line and ending with one, as printed
     */
    public static String render(SessionReport report) {
        Summary s = report.summary().seedRounded();
        RunConfig c = report.config();
        Lines out = new Lines();
        out.add("");
        out.add(HEAVY_RULE);
        out.add("LONG-SESSION QUALITY REPORT");
        out.add(HEAVY_RULE);
        out.add("Backend: " + str(c.backend()) + " | Model: " + str(c.model()) + " | KV: "
                + (c.kvType() == null ? "n/a" : c.kvType()));
        out.add("Turns: " + c.totalTurns() + " | History window: " + c.historyWindow());
        out.add(THIN_RULE);
        out.add("Quality Score: avg=" + fixed(s.avgQualityScore(), 3) + " min=" + fixed(s.minQualityScore(), 3)
                + " max=" + fixed(s.maxQualityScore(), 3));
        // a scorer without the seed's metrics has none of these figures: "n/a", not a perfect 0
        out.add("Avg Response: " + (s.avgResponseLength() == null ? "n/a"
                : fixed(s.avgResponseLength(), 0) + " chars"));
        out.add("Repetition: " + (s.avgRepetitionRatio() == null ? "n/a" : fixed(s.avgRepetitionRatio(), 3)));
        out.add("Hallucinations: " + (s.totalHallucinatedReferences() == null ? "n/a"
                : s.totalHallucinatedReferences() + " total"));
        out.add("Degradations: " + s.totalDegradationEvents() + " events");
        Integer first = s.firstDegradationTurn();
        if (first != null && first != 0) { // the seed tests the turn's truthiness
            out.add(" \u26a0 First degradation at turn " + first);
        } else if (report.turnMetrics().isEmpty() && !report.failedTurns().isEmpty()) {
            // every turn failed: nothing was measured, so nothing can be said to have held up
            out.add(" \u2717 No answered turn: nothing to judge (" + report.failedTurns().size() + " failed)");
        } else {
            out.add(" \u2713 No significant degradation detected");
        }
        if (s.failedTurns() > 0) {
            out.add("Failed turns: " + s.failedTurns() + " (not scored)");
        }
        ContextPressureCounts.of(report.turnMetrics()).filter(ContextPressureCounts::any)
                .ifPresent(p -> out.add(pressureLine(p)));
        if (!report.degradationAlerts().isEmpty()) {
            out.add("\n" + THIN_RULE);
            out.add("DEGRADATION ALERTS:");
            for (DegradationAlert alert : report.degradationAlerts()) {
                out.add(" Turn " + alignRight(Integer.toString(alert.turn()), 2) + " [" + alignLeft(alert.phase(), 10)
                        + "]: score=" + fixed(alert.currentScore(), 3) + " (window avg=" + fixed(alert.windowAvg(), 3)
                        + ", drop=" + fixed(alert.drop(), 3) + ")");
                if (alert.contextPressure()) {
                    out.add("          \u21b3 context pressure in this turn or its window: the drop may be the context's");
                }
            }
        }
        if (!report.failedTurns().isEmpty()) {
            out.add("\n" + THIN_RULE);
            out.add("FAILED TURNS:");
            for (FailedTurn failed : report.failedTurns()) {
                out.add(" Turn " + alignRight(Integer.toString(failed.turn()), 2) + " [" + alignLeft(failed.phase(), 10)
                        + "]: " + failed.kind().jsonName() + " after " + failed.attempts()
                        + (failed.attempts() == 1 ? " attempt: " : " attempts: ") + failed.message());
            }
        }
        List<String> recall = RecallTable.lines(List.of(report));
        if (!recall.isEmpty()) {
            out.add("\n" + THIN_RULE);
            out.add("RECALL PROBES:");
            recall.forEach(out::add);
        }
        out.add("\n" + THIN_RULE);
        out.add("PER-PHASE AVERAGES:");
        for (Map.Entry<String, List<Double>> phase : scoresByPhase(report.turnMetrics()).entrySet()) {
            List<Double> scores = phase.getValue();
            double firstScore = scores.get(0);
            double lastScore = scores.get(scores.size() - 1);
            out.add(" " + alignLeft(phase.getKey(), 12) + ": avg=" + fixed(Summaries.mean(scores), 3)
                    + " trend=" + trend(firstScore, lastScore)
                    + " first=" + fixed(firstScore, 3) + " last=" + fixed(lastScore, 3));
        }
        out.add(HEAVY_RULE + "\n");
        return out.toString();
    }

    /** Scores grouped by phase, phases in order of first appearance. */
    private static Map<String, List<Double>> scoresByPhase(List<TurnMetrics> turns) {
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (TurnMetrics turn : turns) {
            if (turn.excludedFromQuality()) {
                continue;
            }
            phases.computeIfAbsent(turn.phase(), p -> new ArrayList<>()).add(turn.qualityScore());
        }
        return phases;
    }

    private static String pressureLine(ContextPressureCounts p) {
        return "Context pressure: " + p.nearTurns() + " turns near the context, " + p.fullTurns() + " full, "
                + p.truncationSuspected() + " truncation suspected"
                + (p.maxContextFill() == null ? "" : " (max fill " + fixed(p.maxContextFill(), 3) + ")");
    }

    private static String trend(double first, double last) {
        if (last > first) {
            return "\u2191";
        }
        return last < first ? "\u2193" : "\u2192";
    }
}
