package dev.longhaul.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A report as the ordered tree of maps and lists that {@link PythonJsonWriter} writes: the seed's keys in the
 * seed's order, this project's additions after them ({@code summary.failed_turns}, the {@code failed_turns} list,
 * and the format marker last). Derived sections are added only when the turns carry their data: the summary's
 * context-pressure counts ({@link ContextPressureCounts}) and the {@code probes} object ({@link ProbeRecall}),
 * before the marker; an alert's {@code context_pressure} only when true.
 */
final class ReportLayout {

    private ReportLayout() {
    }

    static Map<String, Object> tree(SessionReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config(report.config()));
        root.put("turn_metrics", map(report.turnMetrics(), ReportLayout::turnMetrics));
        root.put("degradation_alerts", map(report.degradationAlerts(), ReportLayout::alert));
        Map<String, Object> summary = summary(report.summary().seedRounded());
        ContextPressureCounts.of(report.turnMetrics()).ifPresent(counts -> summary.putAll(contextPressure(counts)));
        root.put("summary", summary);
        root.put("responses", map(report.responses(), ReportLayout::response));
        root.put("failed_turns", map(report.failedTurns(), ReportLayout::failedTurn));
        ProbeRecall.of(report.turnMetrics()).ifPresent(recall -> root.put("probes", probes(recall)));
        root.put(ReportCodec.FORMAT_KEY, ReportCodec.FORMAT_VERSION);
        return root;
    }

    private static Map<String, Object> config(RunConfig config) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("backend", config.backend());
        node.put("model", config.model());
        // Absent rather than null: the seed labels a run without kv_type "run_a"/"run_b" but fails on a null one.
        if (config.kvType() != null) {
            node.put("kv_type", config.kvType());
        }
        node.put("total_turns", config.totalTurns());
        node.put("history_window", config.historyWindow());
        node.put("timestamp", config.timestamp());
        node.putAll(config.extra());
        return node;
    }

    private static Map<String, Object> turnMetrics(TurnMetrics metrics) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", metrics.turn());
        node.put("phase", metrics.phase());
        node.putAll(metrics.values());
        return node;
    }

    private static Map<String, Object> alert(DegradationAlert alert) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", alert.turn());
        node.put("phase", alert.phase());
        node.put("current_score", alert.currentScore());
        node.put("window_avg", alert.windowAvg());
        node.put("drop", alert.drop());
        if (alert.contextPressure()) {
            node.put("context_pressure", true);
        }
        return node;
    }

    private static Map<String, Object> summary(Summary summary) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("avg_quality_score", summary.avgQualityScore());
        node.put("min_quality_score", summary.minQualityScore());
        node.put("max_quality_score", summary.maxQualityScore());
        node.put("total_degradation_events", summary.totalDegradationEvents());
        node.put("first_degradation_turn", summary.firstDegradationTurn());
        node.put("avg_response_length", summary.avgResponseLength());
        node.put("total_hallucinated_references", summary.totalHallucinatedReferences());
        node.put("avg_repetition_ratio", summary.avgRepetitionRatio());
        node.put("failed_turns", summary.failedTurns());
        return node;
    }

    private static Map<String, Object> contextPressure(ContextPressureCounts counts) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("context_near_turns", counts.nearTurns());
        node.put("context_full_turns", counts.fullTurns());
        node.put("context_truncated_suspected_turns", counts.truncationSuspected());
        node.put("max_context_fill", counts.maxContextFill());
        return node;
    }

    private static Map<String, Object> probes(ProbeRecall recall) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("probed", recall.all().probed());
        node.put("recalled", recall.all().recalled());
        node.put("recall", recall.all().recall());
        node.put("in_context", tally(recall.inContext()));
        node.put("out_of_context", tally(recall.outOfContext()));
        Map<String, Object> byDistance = new LinkedHashMap<>();
        recall.byDistance().forEach((bucket, tally) -> byDistance.put(bucket, tally(tally)));
        node.put("by_distance_turns", byDistance);
        node.put("unplanted", recall.unplanted());
        return node;
    }

    private static Map<String, Object> tally(ProbeRecall.Tally tally) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("probed", tally.probed());
        node.put("recalled", tally.recalled());
        node.put("recall", tally.recall());
        return node;
    }

    private static Map<String, Object> response(SavedResponse response) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", response.turn());
        node.put("phase", response.phase());
        node.put("prompt", response.prompt());
        node.put("response", response.response());
        return node;
    }

    private static Map<String, Object> failedTurn(FailedTurn failed) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", failed.turn());
        node.put("phase", failed.phase());
        node.put("prompt", failed.prompt());
        node.put("kind", failed.kind().jsonName());
        node.put("message", failed.message());
        node.put("attempts", failed.attempts());
        node.put("elapsed_s", failed.elapsedS());
        if (failed.response() != null) {
            node.put("response", failed.response());
        }
        return node;
    }

    private static <T> List<Object> map(List<T> items, Function<T, Object> layout) {
        List<Object> nodes = new ArrayList<>(items.size());
        for (T item : items) {
            nodes.add(layout.apply(item));
        }
        return nodes;
    }
}
