package dev.longhaul.render;

import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.analysis.tradeoff.TradeOffTable;
import dev.longhaul.analysis.tradeoff.TradeOffText;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.Summary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as a Markdown summary to paste into a pull request or an issue (GitHub-flavoured tables): the runs'
 * figures, each comparison with its verdict and any interval, per-phase averages, the degradation alerts and the
 * failed turns. Answers are left out; the HTML report has them.
 *
 * <p>Text from the reports is escaped for Markdown and for the HTML a Markdown renderer passes through:
 * {@code |}, {@code \}, {@code `}, {@code *}, {@code _}, {@code [}, {@code ]}, {@code <}, {@code >} and {@code &} cannot
 * open a tag, a link or a table cell, and line breaks become spaces.
 */
public final class MarkdownReport {

    /** Tables longer than this (per-turn figures) are left to the HTML report. */
    private static final int LONGEST_TABLE = 12;

    private MarkdownReport() {
    }

    /** The trade-off first: its table, the measurements behind it, the warnings and the pull-request sentences. */
    private static void appendSummary(StringBuilder out, TradeOffSummary summary) {
        out.append("### Summary (").append(escape(summary.design().displayName())).append(", baseline ")
                .append(escape(summary.baseline())).append(")\n\n");
        table(out, TradeOffTable.HEADER, TradeOffTable.rows(summary));
        table(out, TradeOffTable.DETAIL_HEADER, TradeOffTable.detailRows(summary));
        for (String warning : TradeOffText.warnings(summary)) {
            out.append("**").append(escape(warning)).append("**\n\n");
        }
        for (String sentence : summary.sentences()) {
            out.append("> ").append(escape(sentence)).append("\n");
        }
        out.append(summary.sentences().isEmpty() ? "" : "\n");
    }

    private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        out.append("| ").append(String.join(" | ", header.stream().map(MarkdownReport::escape).toList())).append(" |\n|");
        header.forEach(h -> out.append(" --- |"));
        out.append("\n");
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(MarkdownReport::escape).toList())).append(" |\n");
        }
        out.append("\n");
    }

    /**
     * @param set the runs, baseline first, and their comparisons
     * @return the Markdown text, ending with a newline
     */
    public static String render(ReportSet set) {
        Timeline timeline = Timeline.of(set);
        StringBuilder out = new StringBuilder(4096);
        List<String> labels = new ArrayList<>();
        set.arms().forEach(arm -> labels.add(arm.label()));
        out.append("## longhaul: ").append(escape(String.join(" vs ", labels))).append("\n\n");
        Set<String> setups = new LinkedHashSet<>();
        for (Arm arm : set.arms()) {
            RunConfig c = arm.report().config();
            setups.add(PythonFormat.str(c.model()) + " on " + PythonFormat.str(c.backend()) + ", " + c.totalTurns()
                    + " turns, history window " + c.historyWindow());
        }
        out.append(escape(String.join("; ", setups))).append("\n\n");
        if (set.summary() != null) {
            appendSummary(out, set.summary());
        }

        out.append("| run | avg quality | min | max | degradations | first at turn | failed turns | avg length |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Arm arm : set.arms()) {
            Summary s = arm.report().summary().seedRounded();
            out.append("| ").append(escape(arm.label())).append(" | ").append(PythonFormat.fixed(s.avgQualityScore(), 3))
                    .append(" | ").append(PythonFormat.fixed(s.minQualityScore(), 3)).append(" | ")
                    .append(PythonFormat.fixed(s.maxQualityScore(), 3)).append(" | ").append(s.totalDegradationEvents())
                    .append(" | ").append(s.firstDegradationTurn() == null ? "none" : s.firstDegradationTurn())
                    .append(" | ").append(s.failedTurns()).append(" | ")
                    .append(s.avgResponseLength() == null ? "n/a" : PythonFormat.fixed(s.avgResponseLength(), 0)).append(" |\n");
        }

        for (Map<String, Object> comparison : set.comparisons()) {
            appendComparison(out, ComparisonView.of(comparison), null);
        }

        PhaseAverages phases = PhaseAverages.of(set, timeline);
        out.append("\n### Per-phase averages\n\n| phase |");
        labels.forEach(label -> out.append(' ').append(escape(label)).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(labels.size())).append('\n');
        for (String phase : phases.phases()) {
            out.append("| ").append(escape(phase)).append(" |");
            for (String label : labels) {
                PhaseAverages.Cell cell = phases.cell(phase, label);
                out.append(' ').append(cell == null ? "\u2014" : PythonFormat.fixed(cell.mean(), 3) + " " + cell.trend())
                        .append(" |");
            }
            out.append('\n');
        }

        List<String> alerts = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Arm arm : set.arms()) {
            for (DegradationAlert a : arm.report().degradationAlerts()) {
                alerts.add("- " + escape(arm.label()) + ", turn " + a.turn() + " (" + escape(a.phase()) + "): score "
                        + PythonFormat.fixed(a.currentScore(), 3) + ", window avg " + PythonFormat.fixed(a.windowAvg(), 3)
                        + ", drop " + PythonFormat.fixed(a.drop(), 3) + (a.contextPressure() ? ", context pressure" : ""));
            }
            for (FailedTurn f : arm.report().failedTurns()) {
                failures.add("- " + escape(arm.label()) + ", turn " + f.turn() + " (" + escape(f.phase()) + "): "
                        + escape(f.kind().jsonName()) + " after " + f.attempts() + (f.attempts() == 1 ? " attempt: " : " attempts: ")
                        + escape(f.message()));
            }
        }
        out.append("\n### Degradation alerts\n\n");
        out.append(alerts.isEmpty() ? "None.\n" : String.join("\n", alerts) + "\n");
        if (!failures.isEmpty()) {
            out.append("\n### Failed turns (not scored)\n\n").append(String.join("\n", failures)).append('\n');
        }
        return out.toString();
    }

    private static void appendComparison(StringBuilder out, ComparisonView view, String title) {
        out.append("\n### ").append(escape(title != null ? title : String.join(" vs ", view.labels()))).append("\n\n");
        for (ComparisonView.Row verdict : view.verdicts()) {
            out.append("**").append(escape(verdict.name())).append(":** ").append(escape(verdict.values().get(0)))
                    .append("  \n");
        }
        appendTable(out, "metric", view.labels(), view.rows());
        if (!view.figures().isEmpty()) {
            out.append('\n');
            for (ComparisonView.Row figure : view.figures()) {
                out.append("**").append(escape(figure.name())).append(":** ").append(escape(figure.values().get(0)))
                        .append("  \n");
            }
        }
        for (ComparisonView.Table table : view.tables()) {
            if (table.rows().size() > LONGEST_TABLE) {
                out.append("\n").append(escape(table.name())).append(": ").append(table.rows().size())
                        .append(" rows, in the HTML report.\n");
            } else {
                out.append("\n").append(escape(table.name())).append(":\n");
                appendTable(out, "", table.columns(), table.rows());
            }
        }
        for (ComparisonView.Nested nested : view.nested()) {
            appendComparison(out, nested.view(), nested.name() + ": " + String.join(" vs ", nested.view().labels()));
        }
    }

    private static void appendTable(StringBuilder out, String corner, List<String> columns,
                                    List<ComparisonView.Row> rows) {
        out.append("\n| ").append(escape(corner)).append(" |");
        columns.forEach(column -> out.append(' ').append(escape(column)).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(columns.size())).append('\n');
        for (ComparisonView.Row row : rows) {
            out.append("| ").append(escape(row.name())).append(" |");
            row.values().forEach(v -> out.append(' ').append(escape(v)).append(" |"));
            out.append('\n');
        }
    }

    /** Text safe in a Markdown paragraph or table cell. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '|', '\\', '`', '*', '_', '[', ']' -> out.append('\\').append(c);
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
