package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.report.PythonJsonWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RepeatedComparison} as JSON: the seed's comparison keys in the seed's order, with the seed's verdict
 * under {@code seed_verdict}, then {@code runs, seeds, resampling, metrics, arm_metrics, per_turn, drop, verdict} and,
 * when known, {@code noise_floor}. Undefined figures (no data) are {@code null}.
 */
public final class RepeatedComparisonJson {

    private RepeatedComparisonJson() {
    }

    /**
     * @param comparison the comparison
     * @return its JSON text, without a trailing newline
     */
    public static String toJson(RepeatedComparison comparison) {
        return PythonJsonWriter.write(tree(comparison));
    }

    /**
     * @param comparison the comparison
     * @return the keys above in order, as plain values for {@link PythonJsonWriter}
     */
    public static Map<String, Object> tree(RepeatedComparison comparison) {
        Map<String, Object> node = new LinkedHashMap<>();
        ComparisonJson.tree(comparison.seed()).forEach((key, value) ->
                node.put(key.equals("verdict") ? "seed_verdict" : key, value));
        node.put("runs", comparison.runs());
        node.put("seeds", Arrays.asList(comparison.seeds().a(), comparison.seeds().b()));
        Map<String, Object> resampling = new LinkedHashMap<>();
        resampling.put("method", "paired bootstrap of the mean of (run pair, turn) differences; "
                + "paired sign-flip permutation test");
        resampling.put("resamples", comparison.resampling().resamples());
        resampling.put("seed", comparison.resampling().seed());
        resampling.put("level", comparison.resampling().level());
        node.put("resampling", resampling);
        putFigures(node, comparison);
        node.put("per_turn", comparison.perTurn().stream().map(RepeatedComparisonJson::turn).toList());
        node.put("drop", comparison.drop() == null ? null : drop(comparison.drop()));
        node.put("verdict", comparison.verdict());
        if (comparison.noiseFloor() != null) {
            RepeatedComparison noise = comparison.noiseFloor();
            Map<String, Object> floor = new LinkedHashMap<>();
            floor.put("labels", List.of(noise.labels().a(), noise.labels().b()));
            floor.put("runs", noise.runs());
            floor.put("seeds", Arrays.asList(noise.seeds().a(), noise.seeds().b()));
            putFigures(floor, noise);
            node.put("noise_floor", floor);
        }
        return node;
    }

    private static void putFigures(Map<String, Object> node, RepeatedComparison comparison) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        comparison.metrics().forEach(m -> metrics.put(m.metric(), metric(m)));
        node.put("metrics", metrics);
        Map<String, Object> arm = new LinkedHashMap<>();
        comparison.armMetrics().forEach(m -> arm.put(m.metric(), estimate(m)));
        node.put("arm_metrics", arm);
    }

    private static Map<String, Object> metric(MetricDelta m) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("means", Arrays.asList(number(m.means().a()), number(m.means().b())));
        node.put("delta", number(m.delta()));
        node.put("interval", interval(m.interval()));
        node.put("p_value", number(m.pValue()));
        node.put("pairs", m.pairs());
        node.put("spread", Arrays.asList(number(m.spread().a()), number(m.spread().b())));
        node.put("significant", m.significant());
        putNoiseFloor(node, m.noiseFloor(), m.withinNoiseFloor());
        return node;
    }

    private static Map<String, Object> estimate(MetricEstimate m) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("mean", number(m.mean()));
        node.put("interval", interval(m.interval()));
        node.put("values", m.values());
        node.put("spread", number(m.spread()));
        putNoiseFloor(node, m.noiseFloor(), m.withinNoiseFloor());
        return node;
    }

    private static void putNoiseFloor(Map<String, Object> node, Interval floor, Boolean within) {
        if (floor != null) {
            node.put("noise_floor", interval(floor));
            node.put("within_noise_floor", within);
        }
    }

    private static Map<String, Object> turn(TurnDelta t) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", t.turn());
        node.put("pairs", t.pairs());
        node.put("delta", t.deltas());
        if (!t.armOnly().isEmpty()) {
            node.put("arm", t.armOnly());
        }
        return node;
    }

    private static Map<String, Object> drop(DropLocation d) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", d.turn());
        node.put("mean_delta_before", number(d.meanBefore()));
        node.put("mean_delta_after", number(d.meanAfter()));
        node.put("interval_after", interval(d.intervalAfter()));
        return node;
    }

    private static List<Object> interval(Interval interval) {
        return Arrays.asList(number(interval.low()), number(interval.high()));
    }

    private static Double number(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
