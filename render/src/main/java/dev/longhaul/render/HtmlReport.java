package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;

import dev.longhaul.files.AtomicFile;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as one self-contained HTML page: inline CSS and SVG charts, no script, no web font, nothing fetched
 * (a Content-Security-Policy forbids it), so it opens offline and can be mailed or attached as it is.
 *
 * <p>The page shows first the summary of an A/B when the set has one (memory, speed, fidelity and verdict per arm),
 * then the runs and their settings, each comparison with its verdict (and any interval the
 * comparison carries), quality per turn for every run on one chart with the script's phases shaded, degradation
 * alerts and failed turns marked, per-phase averages, response length, tokens per second, prompt tokens against
 * the context size, the alerts and failures as tables, and every turn's prompt with each run's answer side by
 * side, collapsed until opened.
 *
 * <p>Every text from a report — answers, prompts, error messages, labels, settings — is escaped, so an answer
 * holding {@code <script>}, {@code </svg>} or an {@code onerror=} attribute shows as that text.
 *
 * <pre>{@code
 * ReportSet set = ReportSet.of(List.of(f16, q8));        // first = baseline
 * HtmlReport.write(set, Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * Renders the page.
     *
     * @param set the runs, baseline first, and their comparisons
     * @return the HTML document
     */
    public static String render(ReportSet set) {
        Timeline timeline = Timeline.of(set);
        ReportCharts charts = new ReportCharts(set, timeline);
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text("longhaul report: " + armList(set))).append("</title>\n")
                .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        appendHeader(out, set);
        if (set.summary() != null) {
            SummaryHtml.append(out, set.summary());
        }
        appendRuns(out, set);
        out.append("<section id=\"quality\">\n<h2>Quality per turn</h2>\n");
        appendChart(out, set, charts.quality(), true, false);
        out.append("</section>\n");
        appendComparisons(out, set);
        if (charts.hasFidelity()) {
            out.append("<section id=\"fidelity\">\n<h2>Token fidelity per turn</h2>\n<div class=\"columns\">\n");
            appendChart(out, set, charts.kldPerTurn(), false, false);
            appendChart(out, set, charts.sameTopPerTurn(), false, false);
            out.append("</div>\n<h3>Against context depth</h3>\n<div class=\"columns\">\n");
            appendDepthChart(out, set, charts.kldByDepth());
            appendDepthChart(out, set, charts.sameTopByDepth());
            out.append("</div>\n</section>\n");
        }
        out.append("<div class=\"columns\">\n");
        appendPhases(out, set, PhaseAverages.of(set, timeline));
        appendEvents(out, set);
        out.append("</div>\n<div class=\"columns\">\n<section id=\"length\">\n<h2>Response length</h2>\n");
        appendChart(out, set, charts.responseLength(), false, false);
        out.append("</section>\n<section id=\"speed\">\n<h2>Tokens per second</h2>\n");
        appendChart(out, set, charts.tokensPerSecond(), false, false);
        out.append("</section>\n</div>\n<section id=\"context\">\n<h2>Prompt tokens and context size</h2>\n");
        appendChart(out, set, charts.promptTokens(), false, true);
        out.append("</section>\n");
        TurnsHtml.append(out, set, timeline);
        out.append("<footer>Written by longhaul from ").append(set.arms().size())
                .append(set.arms().size() == 1 ? " report" : " reports")
                .append(". This page is self-contained: no scripts, nothing loaded from the network.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Renders the page into a file ({@link AtomicFile}: a reader never sees half a page, a failure leaves the old one).
     *
     * @param set  the runs and their comparisons
     * @param file where the page goes; missing parent directories are created, an existing page is replaced
     * @throws IOException when it cannot be written
     */
    public static void write(ReportSet set, Path file) throws IOException {
        AtomicFile.write(file, render(set), StandardCharsets.UTF_8);
    }

    private static String armList(ReportSet set) {
        List<String> labels = new ArrayList<>();
        set.arms().forEach(arm -> labels.add(arm.label()));
        return String.join(" vs ", labels);
    }

    private static void appendHeader(StringBuilder out, ReportSet set) {
        Set<String> models = new LinkedHashSet<>();
        Set<String> shapes = new LinkedHashSet<>();
        for (Arm arm : set.arms()) {
            RunConfig c = arm.report().config();
            models.add(PythonFormat.str(c.model()) + " on " + PythonFormat.str(c.backend()));
            shapes.add(c.totalTurns() + " turns, history window " + c.historyWindow());
        }
        RunConfig first = set.baseline().report().config();
        out.append("<header>\n<h1>Long-session quality: ").append(text(armList(set))).append("</h1>\n<p>")
                .append(text(String.join("; ", models) + " \u00b7 " + String.join("; ", shapes)))
                .append(first.timestamp() == null ? "" : " \u00b7 " + text(first.timestamp()))
                .append("</p>\n</header>\n");
    }

    private static void appendRuns(StringBuilder out, ReportSet set) {
        out.append("<section id=\"runs\">\n<h2>Runs</h2>\n<table class=\"runs\">\n<thead><tr><th>Run</th>")
                .append("<th class=\"text\">Backend · model</th><th class=\"text\">KV cache</th><th>Answered</th><th>Failed</th>")
                .append("<th>Avg quality</th><th>Min</th><th>Max</th><th>Degradations</th><th>First at turn</th>")
                .append("<th>Avg length</th><th>Tokens/s</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < set.arms().size(); i++) {
            Arm arm = set.arms().get(i);
            SessionReport report = arm.report();
            RunConfig c = report.config();
            Summary s = report.summary().seedRounded();
            Boolean applied = c.kvTypeApplied().orElse(null);
            String kv = (c.kvType() == null ? "n/a" : c.kvType())
                    + (Boolean.TRUE.equals(applied) ? " (applied)" : Boolean.FALSE.equals(applied) ? " (label)" : "");
            out.append("<tr data-series=\"").append(text(arm.label())).append("\"><td>").append(swatch(i))
                    .append(text(arm.label())).append("</td><td class=\"text\">")
                    .append(text(PythonFormat.str(c.backend()) + " \u00b7 " + PythonFormat.str(c.model())))
                    .append("</td><td class=\"text\">").append(text(kv)).append("</td><td>")
                    .append(report.turnMetrics().size()).append(" / ").append(c.totalTurns()).append("</td><td")
                    .append(s.failedTurns() > 0 ? " class=\"warn\"" : "").append('>').append(s.failedTurns())
                    .append("</td><td>").append(PythonFormat.fixed(s.avgQualityScore(), 3)).append("</td><td>")
                    .append(PythonFormat.fixed(s.minQualityScore(), 3)).append("</td><td>")
                    .append(PythonFormat.fixed(s.maxQualityScore(), 3)).append("</td><td")
                    .append(s.totalDegradationEvents() > 0 ? " class=\"warn\"" : "").append('>')
                    .append(s.totalDegradationEvents()).append("</td><td>")
                    .append(s.firstDegradationTurn() == null ? "none" : s.firstDegradationTurn()).append("</td><td>")
                    .append(s.avgResponseLength() == null ? "n/a" : PythonFormat.fixed(s.avgResponseLength(), 0)).append("</td><td>")
                    .append(meanTokensPerSecond(report)).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        for (Arm arm : set.arms()) {
            String stopped = arm.report().config().stoppedEarly().orElse(null);
            if (stopped != null) {
                out.append("<p class=\"warn\">").append(text(arm.label() + " stopped early: " + stopped)).append("</p>\n");
            }
        }
        out.append("<div class=\"settings-row\">\n");
        for (Arm arm : set.arms()) {
            appendSettings(out, arm);
        }
        out.append("</div>\n</section>\n");
    }

    private static String meanTokensPerSecond(SessionReport report) {
        double sum = 0;
        int count = 0;
        for (TurnMetrics turn : report.turnMetrics()) {
            Double v = TurnValues.number(turn, MetricKey.TOKENS_PER_S);
            if (v != null) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? "\u2014" : PythonFormat.fixed(sum / count, 1);
    }

    private static void appendSettings(StringBuilder out, Arm arm) {
        RunConfig c = arm.report().config();
        out.append("<details class=\"settings\"><summary>Settings of ").append(text(arm.label()))
                .append("</summary>\n<div class=\"body\"><dl class=\"settings\">\n");
        setting(out, "backend", c.backend());
        setting(out, "model", c.model());
        setting(out, "kv_type", c.kvType());
        setting(out, "total_turns", c.totalTurns());
        setting(out, "history_window", c.historyWindow());
        setting(out, "timestamp", c.timestamp());
        for (Map.Entry<String, Object> entry : c.extra().entrySet()) {
            setting(out, entry.getKey(), entry.getValue());
        }
        out.append("</dl></div>\n</details>\n");
    }

    private static void setting(StringBuilder out, String key, Object value) {
        String shown = value instanceof String s ? s
                : value instanceof Map<?, ?> || value instanceof List<?> ? PythonJsonWriter.writeLine(value)
                : PythonFormat.str(value);
        out.append("<dt>").append(text(key)).append("</dt><dd>").append(text(shown)).append("</dd>\n");
    }

    private static void appendComparisons(StringBuilder out, ReportSet set) {
        if (set.comparisons().isEmpty()) {
            return;
        }
        out.append("<section id=\"comparison\">\n<h2>Comparison</h2>\n<div class=\"comparisons\">\n");
        for (Map<String, Object> comparison : set.comparisons()) {
            ComparisonHtml.append(out, ComparisonView.of(comparison), null);
        }
        out.append("</div>\n</section>\n");
    }

    private static void appendChart(StringBuilder out, ReportSet set, LineChart chart, boolean eventsLegend,
                                    boolean contextLegend) {
        out.append("<div class=\"chart-card\">\n<div class=\"legend\">");
        for (int i = 0; i < set.arms().size(); i++) {
            out.append("<span>").append(swatch(i)).append(text(set.arms().get(i).label())).append("</span>");
        }
        if (eventsLegend) {
            out.append("<span class=\"mark-alert\">\u25bc degradation alert</span>")
                    .append("<span>shaded: phases of the script</span>");
        }
        if (contextLegend) {
            out.append("<span>dashed: context size</span>");
        }
        boolean anyFailed = set.arms().stream().anyMatch(arm -> !arm.report().failedTurns().isEmpty());
        if (anyFailed) {
            out.append("<span>\u2715 failed turn (no answer)</span>");
        }
        out.append("</div>\n").append(chart.svg()).append("\n</div>\n");
    }

    private static void appendDepthChart(StringBuilder out, ReportSet set, ScatterChart chart) {
        out.append("<div class=\"chart-card\">\n<div class=\"legend\">");
        for (int i = 0; i < set.arms().size(); i++) {
            out.append("<span>").append(swatch(i)).append(text(set.arms().get(i).label())).append("</span>");
        }
        out.append("<span>x: prompt tokens of the turn</span></div>\n").append(chart.svg()).append("\n</div>\n");
    }

    private static void appendPhases(StringBuilder out, ReportSet set, PhaseAverages phases) {
        out.append("<section id=\"phases\">\n<h2>Per-phase averages</h2>\n<table class=\"phases\">\n<thead><tr>")
                .append("<th>Phase</th>");
        for (int i = 0; i < set.arms().size(); i++) {
            out.append("<th>").append(swatch(i)).append(text(set.arms().get(i).label())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String phase : phases.phases()) {
            out.append("<tr data-phase=\"").append(text(phase)).append("\"><td>").append(text(phase)).append("</td>");
            for (Arm arm : set.arms()) {
                PhaseAverages.Cell cell = phases.cell(phase, arm.label());
                out.append("<td>");
                if (cell == null) {
                    out.append("\u2014");
                } else {
                    out.append("<strong>").append(PythonFormat.fixed(cell.mean(), 3)).append("</strong> ")
                            .append(cell.trend()).append("<br><span class=\"note\">")
                            .append(PythonFormat.fixed(cell.first(), 3)).append(" \u2192 ")
                            .append(PythonFormat.fixed(cell.last(), 3)).append("</span>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"note\">Mean quality of the answered turns of each phase, then its first "
                + "and last score; the arrow says whether the phase ended above or below its start.</p>\n</section>\n");
    }

    private static void appendEvents(StringBuilder out, ReportSet set) {
        out.append("<section id=\"events\">\n<h2>Degradation alerts and failed turns</h2>\n");
        List<String> alertRows = new ArrayList<>();
        List<String> failedRows = new ArrayList<>();
        for (int i = 0; i < set.arms().size(); i++) {
            Arm arm = set.arms().get(i);
            String run = "<td>" + swatch(i) + text(arm.label()) + "</td>";
            for (DegradationAlert a : arm.report().degradationAlerts()) {
                alertRows.add("<tr data-series=\"" + text(arm.label()) + "\" data-turn=\"" + a.turn() + "\">" + run
                        + "<td>" + turnLink(a.turn()) + "</td><td class=\"text\">" + text(a.phase()) + "</td><td>"
                        + PythonFormat.fixed(a.currentScore(), 3) + "</td><td>" + PythonFormat.fixed(a.windowAvg(), 3)
                        + "</td><td>" + PythonFormat.fixed(a.drop(), 3)
                        + (a.contextPressure() ? " <span class=\"warn\">context pressure</span>" : "") + "</td></tr>\n");
            }
            for (FailedTurn f : arm.report().failedTurns()) {
                failedRows.add("<tr data-series=\"" + text(arm.label()) + "\" data-turn=\"" + f.turn() + "\">" + run
                        + "<td>" + turnLink(f.turn()) + "</td><td class=\"text\">" + text(f.phase())
                        + "</td><td class=\"text\">" + text(f.kind().jsonName()) + "</td><td>" + f.attempts()
                        + "</td><td class=\"text\">" + text(f.message()) + "</td></tr>\n");
            }
        }
        if (alertRows.isEmpty()) {
            out.append("<p>No degradation alerts: no answered turn scored more than the threshold below the mean of "
                    + "the turns before it.</p>\n");
        } else {
            out.append("<table class=\"alerts\">\n<thead><tr><th>Run</th><th>Turn</th><th class=\"text\">Phase</th><th>Score</th>")
                    .append("<th>Window avg</th><th>Drop</th></tr></thead>\n<tbody>\n");
            alertRows.forEach(out::append);
            out.append("</tbody>\n</table>\n");
            if (set.arms().stream().anyMatch(arm -> arm.report().degradationAlerts().stream()
                    .anyMatch(DegradationAlert::contextPressure))) {
                out.append("<p class=\"note\">Context pressure: the turn or a turn of its window was near or past the "
                        + "context size, or its prompt looked truncated, so the drop may come from lost context.</p>\n");
            }
        }
        if (failedRows.isEmpty()) {
            out.append("<p>No failed turns: every turn got an answer.</p>\n");
        } else {
            out.append("<h3>Failed turns (not scored)</h3>\n<table class=\"failures\">\n<thead><tr><th>Run</th>")
                    .append("<th>Turn</th><th class=\"text\">Phase</th><th class=\"text\">Kind</th><th>Attempts</th>")
                    .append("<th class=\"text\">Message</th></tr></thead>\n")
                    .append("<tbody>\n");
            failedRows.forEach(out::append);
            out.append("</tbody>\n</table>\n");
        }
        out.append("</section>\n");
    }

    private static String turnLink(int turn) {
        return "<a href=\"#turn-" + turn + "\">" + turn + "</a>";
    }

    static String swatch(int armIndex) {
        return "<span class=\"swatch\" style=\"background:" + Palette.color(armIndex) + "\"></span>";
    }
}
