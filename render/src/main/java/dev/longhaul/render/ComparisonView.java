package dev.longhaul.render;

import dev.longhaul.analysis.VerdictLine;
import dev.longhaul.report.PythonFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A comparison object (an entry of {@code comparison.json}) laid out for display: the run labels as columns, one
 * row per figure, the verdicts and intervals as lines of their own,
 * tables for per-metric and per-turn figures, and nested comparisons such as a noise floor.
 *
 * <p>It knows the seed's keys by name and the verdict lines by {@link VerdictLine}, and lays out any other key by
 * the shape of its value, so a comparison that gains figures shows them without a change here:
 * <ul>
 *   <li>a {@link VerdictLine} key (not an object) → a verdict line ({@code verdict} first);</li>
 *   <li>an object with {@code labels} → a nested comparison;</li>
 *   <li>an object of objects ({@code metrics}) → a table, one row per entry, one column per inner key;</li>
 *   <li>a list of objects ({@code per_turn}) → a table, one row per object, named by its first value;</li>
 *   <li>a list with one value per run → a row; anything else → a figure of the whole comparison.</li>
 * </ul>
 *
 * @param labels   the runs' labels, one column each
 * @param rows     the figures with one value per run
 * @param figures  the figures with one value for the comparison (the delta, resampling settings, a located drop)
 * @param verdicts verdicts and intervals, the main verdict first
 * @param tables   per-metric or per-turn tables
 * @param nested   comparisons inside this one (a noise floor)
 */
record ComparisonView(List<String> labels, List<Row> rows, List<Row> figures, List<Row> verdicts, List<Table> tables,
                      List<Nested> nested) {

    /**
     * A figure: its name and one text per column, or a single text.
     *
     * @param name   the display name
     * @param key    the comparison key it came from
     * @param values one per column, or one
     */
    record Row(String name, String key, List<String> values) {
    }

    /**
     * Figures that have more than one value per run: per metric or per turn.
     *
     * @param name    the display name
     * @param key     the comparison key
     * @param columns the column headings after the row name
     * @param rows    one per metric or turn, values aligned with {@code columns} (empty where absent)
     */
    record Table(String name, String key, List<String> columns, List<Row> rows) {
    }

    /**
     * A comparison inside this one.
     *
     * @param name the display name
     * @param view its layout
     */
    record Nested(String name, ComparisonView view) {
    }

    private static final Map<String, String> SEED_NAMES = Map.of(
            "avg_quality", "Avg Quality Score",
            "min_quality", "Min Quality Score",
            "degradation_events", "Degradation Events",
            "first_degradation", "First Degradation Turn",
            "hallucinated_refs", "Hallucinated References",
            "repetition_ratio", "Repetition Ratio",
            "quality_delta", "Quality Delta",
            "failed_turns", "Failed Turns",
            "verdict", "Verdict");

    static ComparisonView of(Map<String, Object> comparison) {
        List<String> labels = new ArrayList<>();
        if (comparison.get("labels") instanceof List<?> given) {
            given.forEach(label -> labels.add(String.valueOf(label)));
        }
        if (labels.isEmpty()) {
            labels.addAll(List.of("a", "b"));
        }
        List<Row> rows = new ArrayList<>();
        List<Row> figures = new ArrayList<>();
        List<Row> verdicts = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (Map.Entry<String, Object> entry : comparison.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            String name = SEED_NAMES.getOrDefault(key, displayName(key));
            if (key.equals("labels")) {
                continue;
            }
            Optional<VerdictLine> verdictLine = VerdictLine.of(key);
            if (verdictLine.isPresent() && !(value instanceof Map<?, ?>)) {
                Row line = new Row(name, key, List.of(text(value, key)));
                if (verdictLine.get() == VerdictLine.VERDICT) {
                    verdicts.add(0, line);
                } else {
                    verdicts.add(line);
                }
            } else if (value instanceof Map<?, ?> map && map.containsKey("labels")) {
                nested.add(new Nested(name, of(stringKeys(map))));
            } else if (value instanceof Map<?, ?> map && !map.isEmpty() && map.values().stream().allMatch(Map.class::isInstance)) {
                tables.add(table(name, key, map));
            } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
                tables.add(table(name, key, list));
            } else if (value instanceof List<?> perRun && perRun.size() == labels.size()) {
                List<String> cells = new ArrayList<>();
                perRun.forEach(v -> cells.add(text(v, key)));
                rows.add(new Row(name, key, cells));
            } else {
                figures.add(new Row(name, key, List.of(text(value, key))));
            }
        }
        return new ComparisonView(List.copyOf(labels), rows, figures, verdicts, tables, nested);
    }

    private static Table table(String name, String key, Map<?, ?> entries) {
        Set<String> columns = new LinkedHashSet<>();
        entries.values().forEach(inner -> ((Map<?, ?>) inner).keySet().forEach(k -> columns.add(String.valueOf(k))));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            rows.add(new Row(String.valueOf(entry.getKey()), key, cells((Map<?, ?>) entry.getValue(), columns)));
        }
        return new Table(name, key, List.copyOf(columns), rows);
    }

    private static Table table(String name, String key, List<?> entries) {
        Set<String> keys = new LinkedHashSet<>();
        entries.forEach(inner -> ((Map<?, ?>) inner).keySet().forEach(k -> keys.add(String.valueOf(k))));
        String first = keys.iterator().next();
        keys.remove(first);
        List<Row> rows = new ArrayList<>();
        for (Object entry : entries) {
            Map<?, ?> map = (Map<?, ?>) entry;
            rows.add(new Row(text(map.get(first), first), key, cells(map, keys)));
        }
        List<String> columns = new ArrayList<>();
        columns.add(first);
        columns.addAll(keys);
        return new Table(name, key, List.copyOf(columns), rows);
    }

    private static List<String> cells(Map<?, ?> map, Set<String> columns) {
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
            cells.add(map.containsKey(column) ? text(map.get(column), column) : "");
        }
        return cells;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    /** {@code quality_delta_ci95} → {@code Quality delta ci95}. */
    static String displayName(String key) {
        String spaced = key.replace('_', ' ').trim();
        return spaced.isEmpty() ? key : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /**
     * A JSON value as a cell: the seed's three decimals for its quality figures, short numbers otherwise, lists as
     * {@code [a, b]}, objects as {@code key: value, …}; a missing turn reads {@code none} as the seed prints it.
     */
    static String text(Object value, String key) {
        if (value == null) {
            return key.startsWith("first_") ? "none" : "\u2014";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return SEED_NAMES.containsKey(key) ? PythonFormat.fixed(d, 3) : number(d);
        }
        if (value instanceof List<?> list && list.isEmpty() || value instanceof Map<?, ?> map && map.isEmpty()) {
            return "\u2014";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(text(v, key)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + ": " + text(v, String.valueOf(k))));
            return String.join(", ", parts);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(value);
    }

    /** Python's shortest repr when it is short, else four significant digits. */
    static String number(double value) {
        String repr = PythonFormat.repr(value);
        return repr.length() <= 8 ? repr : String.format(Locale.ROOT, "%.4g", value);
    }
}
