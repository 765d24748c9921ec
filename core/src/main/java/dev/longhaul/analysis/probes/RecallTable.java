package dev.longhaul.analysis.probes;

import static dev.longhaul.report.PythonFormat.alignLeft;
import static dev.longhaul.report.PythonFormat.fixed;

import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Recall of one or more runs side by side, a row per figure and a column per run:
 *
 * <pre>
 *  recall            f16          q8_0
 *  all               5/6 0.833    4/6 0.667
 *  in context        5/5 1.000    4/5 0.800
 *  out of context    0/1 0.000    0/1 0.000
 *  1-5 turns         1/1 1.000    1/1 1.000
 *  …
 * </pre>
 *
 * A run without probes shows {@code -}; a figure with nothing probed shows {@code 0/0 -}.
 */
public final class RecallTable {

    private static final int LABEL_WIDTH = 17;
    private static final int COLUMN_WIDTH = 13;

    private RecallTable() {
    }

    /**
     * @param reports the runs, labelled by {@link SessionReport#label()}
     * @return the table's lines, each starting with a space, or no lines when no run has probes
     */
    public static List<String> lines(List<SessionReport> reports) {
        List<String> labels = reports.stream().map(SessionReport::label).toList();
        List<ProbeRecall> recalls = reports.stream().map(r -> ProbeRecall.of(r.turnMetrics()).orElse(null)).toList();
        return lines(labels, recalls);
    }

    /**
     * @param labels  a label per run
     * @param recalls a recall per run, null for a run without probes
     * @return the table's lines, each starting with a space, or no lines when every recall is null
     */
    public static List<String> lines(List<String> labels, List<ProbeRecall> recalls) {
        if (labels.size() != recalls.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + recalls.size() + " runs");
        }
        List<String> lines = new ArrayList<>();
        if (recalls.stream().allMatch(r -> r == null)) {
            return lines;
        }
        lines.add(row("recall", recalls, r -> null, labels));
        lines.add(row("all", recalls, ProbeRecall::all, null));
        lines.add(row("in context", recalls, ProbeRecall::inContext, null));
        lines.add(row("out of context", recalls, ProbeRecall::outOfContext, null));
        for (String bucket : ProbeRecall.DISTANCE_BUCKETS) {
            lines.add(row(bucket + " turns", recalls, r -> r.byDistance().get(bucket), null));
        }
        if (recalls.stream().anyMatch(r -> r != null && r.unplanted() > 0)) {
            StringBuilder row = new StringBuilder(" " + alignLeft("unplanted", LABEL_WIDTH));
            recalls.forEach(r -> row.append(alignLeft(r == null ? "-" : Integer.toString(r.unplanted()), COLUMN_WIDTH)));
            lines.add(row.toString().stripTrailing());
        }
        return lines;
    }

    private static String row(String name, List<ProbeRecall> recalls, Function<ProbeRecall, ProbeRecall.Tally> figure,
                              List<String> header) {
        StringBuilder row = new StringBuilder(" " + alignLeft(name, LABEL_WIDTH));
        for (int i = 0; i < recalls.size(); i++) {
            String cell;
            if (header != null) {
                cell = header.get(i);
            } else if (recalls.get(i) == null) {
                cell = "-";
            } else {
                ProbeRecall.Tally t = figure.apply(recalls.get(i));
                cell = t.recalled() + "/" + t.probed() + " " + (t.recall() == null ? "-" : fixed(t.recall(), 3));
            }
            row.append(alignLeft(cell, COLUMN_WIDTH));
        }
        return row.toString().stripTrailing();
    }
}
