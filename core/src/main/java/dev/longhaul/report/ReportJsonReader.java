package dev.longhaul.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Turns a parsed JSON tree into a {@link SessionReport}, naming the JSON path of whatever does not fit
 * ({@code turn_metrics[3].quality_score is missing}). Accepts the seed's reports (no {@code failed_turns}, no
 * format marker, backend stats in any order) and this project's.
 *
 * <p>Numbers must be usable: every number in a turn's metrics, an alert, a failed turn or the summary is finite
 * (a summary's averages are NaN when no turn was measured)
 * ({@code turn_metrics[3].quality_score is NaN}), a fraction within ±{@value #MAX_MAGNITUDE}; quality scores within
 * [0, 1]. Turn numbers are within 1 … {@code config.total_turns}, and no turn is both answered and failed or listed
 * twice.
 */
final class ReportJsonReader {

    private static final int MAX_SHOWN_VALUE_CHARS = 40;
    /** The largest magnitude of a figure: beyond it, sums and averages of a long run lose all precision. */
    static final double MAX_MAGNITUDE = 1e15;

    private final String source;

    ReportJsonReader(String source) {
        this.source = source;
    }

    SessionReport report(JsonNode root) {
        if (!root.isObject()) {
            throw problem("not a report: the JSON is " + kind(root)
                    + ", expected an object with config, turn_metrics and summary");
        }
        checkFormatVersion(root);
        JsonNode config = requiredSection(root, "config", true);
        JsonNode turnMetrics = requiredSection(root, "turn_metrics", false);
        JsonNode summary = requiredSection(root, "summary", true);
        RunConfig runConfig = config(config);
        if (runConfig.totalTurns() < 1) {
            throw problem("config.total_turns is " + runConfig.totalTurns() + ", expected at least 1");
        }
        List<TurnMetrics> turns = list(turnMetrics, "turn_metrics", this::turnMetrics);
        List<DegradationAlert> alerts = optionalList(root, "degradation_alerts", this::alert);
        List<SavedResponse> responses = optionalList(root, "responses", this::response);
        List<FailedTurn> failed = optionalList(root, "failed_turns", this::failedTurn);
        TurnNumbers played = new TurnNumbers(runConfig.totalTurns());
        played.unique("turn_metrics", turns, TurnMetrics::turn);
        played.unique("failed_turns", failed, FailedTurn::turn);
        new TurnNumbers(runConfig.totalTurns()).unique("responses", responses, SavedResponse::turn);
        new TurnNumbers(runConfig.totalTurns()).unique("degradation_alerts", alerts, DegradationAlert::turn);
        return new SessionReport(runConfig, turns, alerts, summary(summary), responses, failed);
    }

    /** Turn numbers seen so far: each within 1 … total turns, none twice. */
    private final class TurnNumbers {
        private final int total;
        private final Map<Integer, String> seen = new java.util.HashMap<>();

        TurnNumbers(int total) {
            this.total = total;
        }

        <T> void unique(String key, List<T> items, java.util.function.ToIntFunction<T> turnOf) {
            for (int i = 0; i < items.size(); i++) {
                int turn = turnOf.applyAsInt(items.get(i));
                String path = key + "[" + i + "].turn";
                if (turn < 1 || turn > total) {
                    throw problem(path + " is " + turn + ", out of range [1, " + total + "] (config.total_turns)");
                }
                String other = seen.putIfAbsent(turn, path);
                if (other != null) {
                    throw problem(path + " is " + turn + ", as is " + other + ": a turn is listed once");
                }
            }
        }
    }

    private void checkFormatVersion(JsonNode root) {
        JsonNode marker = root.get(ReportCodec.FORMAT_KEY);
        if (marker == null) {
            return; // the seed writes no marker
        }
        if (!marker.isIntegralNumber()) {
            throw problem(ReportCodec.FORMAT_KEY + " is " + shown(marker) + ", expected an integer");
        }
        long version = marker.longValue();
        if (version > ReportCodec.FORMAT_VERSION) {
            throw problem("report format " + version + " is newer than this longhaul reads (up to "
                    + ReportCodec.FORMAT_VERSION + "); upgrade longhaul");
        }
        if (version < 1) {
            throw problem("unknown report format " + version);
        }
    }

    private JsonNode requiredSection(JsonNode root, String key, boolean object) {
        JsonNode section = root.get(key);
        if (section == null) {
            throw problem("not a report: no \"" + key + "\"");
        }
        if (object ? !section.isObject() : !section.isArray()) {
            throw problem(key + " is " + kind(section) + ", expected " + (object ? "an object" : "a list"));
        }
        return section;
    }

    private RunConfig config(JsonNode node) {
        Map<String, Object> extra = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            if (!RunConfig.STANDARD_KEYS.contains(field.getKey())) {
                extra.put(field.getKey(), plainValue(field.getValue()));
            }
        });
        return new RunConfig(
                optionalString(node, "backend", "config"),
                optionalString(node, "model", "config"),
                optionalString(node, "kv_type", "config"),
                intValue(node, "total_turns", "config"),
                intValue(node, "history_window", "config"),
                optionalString(node, "timestamp", "config"),
                extra);
    }

    private TurnMetrics turnMetrics(JsonNode node, String path) {
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            String key = field.getKey();
            if (!key.equals("turn") && !key.equals("phase")) {
                values.put(key, plainValue(field.getValue()));
            }
        });
        if (!(values.get("quality_score") instanceof Number)) {
            number(node, "quality_score", path); // throws, naming the problem
        }
        score(node, "quality_score", path);
        node.properties().forEach(field -> usable(field.getValue(), path + "." + field.getKey()));
        return new TurnMetrics(intValue(node, "turn", path), string(node, "phase", path), values);
    }

    private DegradationAlert alert(JsonNode node, String path) {
        JsonNode pressure = node.get("context_pressure");
        if (pressure != null && !pressure.isBoolean()) {
            throw problem(path + ".context_pressure is " + shown(pressure) + ", expected true or false");
        }
        return new DegradationAlert(
                intValue(node, "turn", path),
                string(node, "phase", path),
                score(node, "current_score", path),
                score(node, "window_avg", path),
                number(node, "drop", path),
                pressure != null && pressure.booleanValue());
    }

    private Summary summary(JsonNode node) {
        JsonNode first = node.get("first_degradation_turn");
        Integer firstTurn = first == null || first.isNull() ? null : intValue(node, "first_degradation_turn", "summary");
        JsonNode failed = node.get("failed_turns");
        return new Summary(
                average(node, "avg_quality_score", true),
                average(node, "min_quality_score", true),
                average(node, "max_quality_score", true),
                intValue(node, "total_degradation_events", "summary"),
                firstTurn,
                absentOr(node, "avg_response_length", () -> average(node, "avg_response_length", false)),
                absentOr(node, "total_hallucinated_references",
                        () -> integer(node, "total_hallucinated_references", "summary")),
                absentOr(node, "avg_repetition_ratio", () -> average(node, "avg_repetition_ratio", false)),
                failed == null ? 0 : intValue(node, "failed_turns", "summary"));
    }

    /** A summary figure a report writes as null when no scored turn had its metric; else {@code value}'s. */
    private static <T> T absentOr(JsonNode node, String key, java.util.function.Supplier<T> value) {
        return node.has(key) && node.get(key).isNull() ? null : value.get();
    }

    private SavedResponse response(JsonNode node, String path) {
        return new SavedResponse(
                intValue(node, "turn", path),
                string(node, "phase", path),
                string(node, "prompt", path),
                string(node, "response", path));
    }

    private FailedTurn failedTurn(JsonNode node, String path) {
        return new FailedTurn(
                intValue(node, "turn", path),
                string(node, "phase", path),
                string(node, "prompt", path),
                failureKind(node, path),
                string(node, "message", path),
                intValue(node, "attempts", path),
                number(node, "elapsed_s", path),
                optionalString(node, "response", path));
    }

    private FailureKind failureKind(JsonNode node, String path) {
        String kind = string(node, "kind", path);
        return FailureKind.fromJsonName(kind).orElseThrow(() -> problem(path + ".kind '" + kind
                + "' is not a failure kind; one of: " + String.join(", ",
                java.util.Arrays.stream(FailureKind.values()).map(FailureKind::jsonName).toList())));
    }

    private <T> List<T> optionalList(JsonNode root, String key, BiFunction<JsonNode, String, T> entry) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw problem(key + " is " + kind(node) + ", expected a list");
        }
        return list(node, key, entry);
    }

    private <T> List<T> list(JsonNode array, String key, BiFunction<JsonNode, String, T> entry) {
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = key + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw problem(path + " is " + kind(node) + ", expected an object");
            }
            items.add(entry.apply(node, path));
        }
        return items;
    }

    private JsonNode required(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw problem(path + "." + key + " is missing");
        }
        return node;
    }

    private String string(JsonNode parent, String key, String path) {
        return typed(parent, key, path, JsonNode::isTextual, "a string").textValue();
    }

    private String optionalString(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        return node == null || node.isNull() ? null : string(parent, key, path);
    }

    private double number(JsonNode parent, String key, String path) {
        JsonNode node = typed(parent, key, path, JsonNode::isNumber, "a number");
        usable(node, path + "." + key);
        return node.doubleValue();
    }

    /**
     * A summary figure over the measured turns: NaN when no turn was measured (as written then), else usable —
     * within [0, 1] for a quality score.
     */
    private double average(JsonNode parent, String key, boolean quality) {
        JsonNode node = typed(parent, key, "summary", JsonNode::isNumber, "a number");
        if (Double.isNaN(node.doubleValue())) {
            return Double.NaN;
        }
        return quality ? score(parent, key, "summary") : number(parent, key, "summary");
    }

    /** A quality score: a number within [0, 1]. */
    private double score(JsonNode parent, String key, String path) {
        double value = typed(parent, key, path, JsonNode::isNumber, "a number").doubleValue();
        if (!Double.isFinite(value)) {
            throw problem(path + "." + key + " is " + value);
        }
        if (!(value >= 0 && value <= 1)) {
            throw problem(path + "." + key + " is " + shown(parent.get(key)) + ", out of range [0, 1]");
        }
        return value;
    }

    /** Every number in the value (nested ones too) is finite, and a fraction within ±{@value #MAX_MAGNITUDE}. */
    private void usable(JsonNode value, String path) {
        if (value.isNumber()) {
            double v = value.doubleValue();
            if (!Double.isFinite(v)) {
                throw problem(path + " is " + v); // NaN, Infinity or -Infinity, as the report spells it
            }
            if (!value.isIntegralNumber() && Math.abs(v) > MAX_MAGNITUDE) { // integers are kept exactly, as read
                throw problem(path + " is " + shown(value) + ", out of range [-1e15, 1e15]");
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                usable(value.get(i), path + "[" + i + "]");
            }
        } else if (value.isObject()) {
            value.properties().forEach(field -> usable(field.getValue(), path + "." + field.getKey()));
        }
    }

    private long integer(JsonNode parent, String key, String path) {
        return typed(parent, key, path, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer").longValue();
    }

    private JsonNode typed(JsonNode parent, String key, String path, Predicate<JsonNode> fits, String expected) {
        JsonNode node = required(parent, key, path);
        if (!fits.test(node)) {
            throw problem(path + "." + key + " is " + shown(node) + ", expected " + expected);
        }
        return node;
    }

    private int intValue(JsonNode parent, String key, String path) {
        long value = integer(parent, key, path);
        if (value != (int) value) {
            throw problem(path + "." + key + " is " + value + ", out of range");
        }
        return (int) value;
    }

    /** A JSON value as the plain Java value the records hold: ints stay Integer/Long/BigInteger, floats Double. */
    private static Object plainValue(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(field -> map.put(field.getKey(), plainValue(field.getValue())));
                return Collections.unmodifiableMap(map);
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(plainValue(element)));
                return Collections.unmodifiableList(list);
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return node.isIntegralNumber() ? node.numberValue() : (Object) node.doubleValue();
            default:
                return null;
        }
    }

    private static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "a list";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            default:
                return "null";
        }
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() <= MAX_SHOWN_VALUE_CHARS ? text : text.substring(0, MAX_SHOWN_VALUE_CHARS) + "…";
    }

    private ReportFormatException problem(String problem) {
        return new ReportFormatException(source, problem);
    }
}
