package dev.longhaul.analysis.tradeoff;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary as the terminal shows it, before anything else: the trade-off table, the measurements behind it, the
 * pull-request sentence of every compared arm, and a warning line per arm that went past the model's trained context
 * or answered no turn.
 */
public final class TradeOffText {

    private TradeOffText() {
    }

    /**
     * @param summary the summary
     * @return its lines
     */
    public static List<String> lines(TradeOffSummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add("SUMMARY (" + summary.design().displayName() + ", baseline " + summary.baseline() + ")");
        lines.addAll(table(TradeOffTable.HEADER, TradeOffTable.rows(summary)));
        lines.add("");
        lines.addAll(table(TradeOffTable.DETAIL_HEADER, TradeOffTable.detailRows(summary)));
        for (TradeOffRow row : summary.rows()) {
            if (row.arm().kvCache() != null) {
                continue;
            }
            lines.add("  " + row.arm().label() + ": KV cache memory unknown (no llama.cpp KV line in its report)");
        }
        for (TradeOffRow row : summary.rows()) {
            if (row.arm().serverCommand() != null) {
                lines.add("  " + row.arm().label() + " server: " + String.join(" ", row.arm().serverCommand()));
            }
        }
        lines.addAll(warnings(summary));
        if (!summary.compared().isEmpty()) {
            lines.add("");
            lines.add("For a pull request:");
            summary.sentences().forEach(s -> lines.add("  " + s));
        }
        return lines;
    }

    /**
     * @param summary the summary
     * @return a line per arm whose turns went past the model's trained context, and per arm with no answered turn
     */
    public static List<String> warnings(TradeOffSummary summary) {
        List<String> lines = new ArrayList<>();
        for (TradeOffRow row : summary.rows()) {
            ArmFigures arm = row.arm();
            if (!arm.pastTrainedContextTurns().isEmpty()) {
                lines.add("Warning: " + arm.label() + ": " + TurnRanges.of(arm.pastTrainedContextTurns())
                        + " went past the model's trained context (" + arm.trainedContext() + " tokens): answers there "
                        + "are extrapolation, not an effect of the KV cache");
            }
            if (arm.unanswered()) {
                lines.add("Error: " + arm.label() + " answered no turn (" + arm.failedTurns()
                        + " failed): there is nothing to judge it by");
            }
        }
        return lines;
    }

    private static List<String> table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        lines.add(rule.toString());
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        return line.toString().stripTrailing();
    }
}
