package dev.longhaul.render;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A report as CSV (RFC 4180, CRLF line ends): one row per turn and run, runs in order, turns in order within
 * each run, for a spreadsheet or a data frame.
 *
 * <p>Columns, in a fixed order ({@link CsvColumns}): {@code run, turn, phase, status} ({@code answered} or
 * {@code failed}), then the seed's metrics in the seed's order and longhaul's in theirs (those any answered turn has),
 * then {@code degradation_window_avg}, {@code degradation_drop} (filled on a degradation alert),
 * {@code failure_kind}, {@code failure_attempts}, {@code failure_message} (filled on a failed turn), and last every
 * other metric (a plugged-in scorer's extras) in the order the turns first have it. A value a turn lacks is an empty
 * cell. Numbers are written as
 * the report's JSON writes them (shortest round-trip), booleans as {@code true}/{@code false}.
 *
 * <p>A text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading
 * {@code '}, so a spreadsheet shows it rather than running it as a formula; numbers are never changed.
 */
public final class CsvReport {

    private static final String EOL = "\r\n";

    private CsvReport() {
    }

    /**
     * @param set the runs, baseline first
     * @return the CSV text with a header row
     */
    public static String render(ReportSet set) {
        Set<String> metrics = new LinkedHashSet<>();
        for (Arm arm : set.arms()) {
            for (TurnMetrics turn : arm.report().turnMetrics()) {
                metrics.addAll(turn.values().keySet());
            }
        }
        List<String> known = CsvColumns.known(metrics);
        List<String> extras = CsvColumns.extras(metrics);
        List<String> header = new ArrayList<>(List.of("run", "turn", "phase", "status"));
        header.addAll(known);
        header.addAll(CsvColumns.EVENTS);
        header.addAll(extras);
        StringBuilder out = new StringBuilder(16 * 1024);
        appendRow(out, header.stream().map(CsvReport::text).toList());
        for (Arm arm : set.arms()) {
            TreeMap<Integer, Object> turns = new TreeMap<>();
            arm.report().turnMetrics().forEach(t -> turns.put(t.turn(), t));
            arm.report().failedTurns().forEach(f -> turns.putIfAbsent(f.turn(), f));
            Map<Integer, DegradationAlert> alerts = new TreeMap<>();
            arm.report().degradationAlerts().forEach(a -> alerts.put(a.turn(), a));
            for (Object entry : turns.values()) {
                List<String> row = new ArrayList<>();
                row.add(text(arm.label()));
                if (entry instanceof TurnMetrics turn) {
                    row.add(Integer.toString(turn.turn()));
                    row.add(text(turn.phase()));
                    row.add("answered");
                    for (String metric : known) {
                        row.add(value(turn.values().get(metric)));
                    }
                    DegradationAlert alert = alerts.get(turn.turn());
                    row.add(alert == null ? "" : PythonFormat.repr(alert.windowAvg()));
                    row.add(alert == null ? "" : PythonFormat.repr(alert.drop()));
                    row.addAll(List.of("", "", ""));
                    for (String metric : extras) {
                        row.add(value(turn.values().get(metric)));
                    }
                } else {
                    FailedTurn failed = (FailedTurn) entry;
                    row.add(Integer.toString(failed.turn()));
                    row.add(text(failed.phase()));
                    row.add("failed");
                    known.forEach(m -> row.add(""));
                    row.addAll(List.of("", "", text(failed.kind().jsonName()), Integer.toString(failed.attempts()),
                            text(failed.message())));
                    extras.forEach(m -> row.add(""));
                }
                appendRow(out, row);
            }
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells.get(i)));
        }
        out.append(EOL);
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String value(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return PythonFormat.repr(((Number) value).doubleValue());
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof String s) {
            return text(s);
        }
        return text(PythonJsonWriter.writeLine(value));
    }

    /** Text as a cell that a spreadsheet will not evaluate. */
    private static String text(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
