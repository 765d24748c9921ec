package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.LongRunVariance;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.PythonJsonWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RepeatedComparison} as JSON: the seed's comparison keys in the seed's order, with the seed's verdict under
 * {@code seed_verdict}, then {@code design, methods, runs, seeds, metrics, fidelity, per_turn, change_test, drop,
 * verdict_kind, verdict} and, when known, {@code versus_noise_floor}, {@code noise_floor} and {@code notes}. Undefined
 * figures (no data, no test) are {@code null}.
 */
public final class RepeatedComparisonJson {

    /** The mean test's name in {@code methods} for shared-history comparisons. */
    public static final String SHARED_MEAN_TEST = "mean of per-turn paired differences; AR(1)-prewhitened "
            + "equal-weighted-cosine long-run variance (nu = min(40, max(2, floor(0.6 T^(2/3)))) cosines per run pair) "
            + "plus the variance between run pairs; Student's t";

    /** The mean test's name in {@code methods} for free-running comparisons. */
    public static final String FREE_MEAN_TEST = "difference of run means, one mean per run; pooled two-sample t "
            + "(noise-floor runs as extra variance replicates)";

    /** The change test's name in {@code methods} for shared-history comparisons. */
    public static final String SHARED_CHANGE_TEST = "one-sided max-type (weighted CUSUM) test over every split of the "
            + "per-turn differences, turns weighed by their local spread, long-run variance from the residuals of the "
            + "best split, Monte Carlo null of independent normal series; approximate confidence set by "
            + "likelihood-ratio inversion";

    /** The change test's name in {@code methods} for free-running comparisons. */
    public static final String FREE_CHANGE_TEST = "the same statistic, its null from sign flips of whole run pairs (run "
            + "as unit; needs 7 or more pairs to reach 1 %)";

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
                node.put(key.equals(VerdictLine.VERDICT.key()) ? VerdictLine.SEED_VERDICT.key() : key, value));
        putFigures(node, comparison);
        if (comparison.versusNoiseFloor() != null) {
            node.put("versus_noise_floor", inference(comparison.versusNoiseFloor()));
        }
        if (comparison.noiseFloor() != null) {
            Map<String, Object> floor = new LinkedHashMap<>();
            floor.put("labels", List.of(comparison.noiseFloor().labels().a(), comparison.noiseFloor().labels().b()));
            putFigures(floor, comparison.noiseFloor());
            node.put("noise_floor", floor);
        }
        if (!comparison.notes().isEmpty()) {
            node.put("notes", comparison.notes());
        }
        return node;
    }

    private static void putFigures(Map<String, Object> node, RepeatedComparison comparison) {
        node.put("design", comparison.design().jsonName());
        node.put("methods", methods(comparison.design(), comparison.levels()));
        node.put("runs", comparison.runs());
        node.put("seeds", Arrays.asList(comparison.seeds().a(), comparison.seeds().b()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        comparison.metrics().forEach(m -> metrics.put(m.metric(), metric(m)));
        node.put("metrics", metrics);
        if (comparison.fidelity() != null) {
            node.put("fidelity", comparison.fidelity().toMap());
        }
        node.put("per_turn", comparison.perTurn().stream().map(RepeatedComparisonJson::turn).toList());
        ChangeTest change = comparison.changeTest();
        node.put("change_test", change == null ? null : changeTest(change));
        node.put("drop", comparison.drop() == null ? null : drop(comparison.drop()));
        node.put("verdict_kind", comparison.verdict().kind().jsonName());
        node.put(VerdictLine.VERDICT.key(), comparison.verdict().text());
    }

    private static Map<String, Object> methods(Design design, VerdictLevels levels) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("unit", design == Design.SHARED_HISTORY ? "turn" : "run");
        node.put("mean_test", design == Design.SHARED_HISTORY ? SHARED_MEAN_TEST : FREE_MEAN_TEST);
        node.put("change_test", design == Design.SHARED_HISTORY ? SHARED_CHANGE_TEST : FREE_CHANGE_TEST);
        node.put("secondary_metrics", "Holm-adjusted p-values; they do not decide the verdict");
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("verdict", levels.verdict());
        level.put("mean_test", levels.meanTest());
        level.put("change_test", levels.changeTest());
        level.put("drop_set", levels.setLevel());
        node.put("levels", level);
        node.put("monte_carlo_draws", levels.draws());
        node.put("seed", levels.seed());
        return node;
    }

    private static Map<String, Object> metric(MetricDelta m) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("role", m.primary() ? "primary" : "secondary");
        node.put("means", Arrays.asList(number(m.means().a()), number(m.means().b())));
        node.put("delta", number(m.delta()));
        Inference inference = m.inference();
        node.put("interval", interval(m.interval()));
        node.put("interval_level", inference == null ? null : inference.level());
        node.put("p_value", number(m.pValue()));
        if (!m.primary()) {
            node.put("p_value_holm", number(m.pValueHolm()));
        }
        node.put("standard_error", inference == null ? null : inference.standardError());
        node.put("degrees_of_freedom", inference == null ? null : inference.degreesOfFreedom());
        node.put("pairs", m.pairs());
        node.put("spread", Arrays.asList(number(m.spread().a()), number(m.spread().b())));
        node.put("significant", m.significant());
        return node;
    }

    private static Map<String, Object> inference(Inference inference) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("delta", inference.estimate());
        node.put("interval", interval(inference.interval()));
        node.put("interval_level", inference.level());
        node.put("p_value", inference.pValue());
        node.put("standard_error", inference.standardError());
        node.put("degrees_of_freedom", inference.degreesOfFreedom());
        return node;
    }

    private static Map<String, Object> turn(TurnDelta t) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", t.turn());
        node.put("pairs", t.pairs());
        node.put("delta", t.deltas());
        return node;
    }

    private static Map<String, Object> changeTest(ChangeTest c) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turns", c.turns());
        node.put("units", c.units());
        node.put("statistic", number(c.statistic()));
        node.put("p_value", c.pValue());
        node.put("cosines_per_unit", LongRunVariance.cosines(c.turns()));
        return node;
    }

    private static Map<String, Object> drop(DropLocation d) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("turn", d.turn());
        node.put("turn_set", List.of(d.firstInSet(), d.lastInSet()));
        node.put("turn_set_level", d.setLevel());
        node.put("p_value", d.pValue());
        node.put("mean_delta_before", number(d.meanBefore()));
        node.put("mean_delta_after", number(d.meanAfter()));
        return node;
    }

    private static List<Object> interval(Interval interval) {
        return interval.defined() ? Arrays.asList(number(interval.low()), number(interval.high())) : null;
    }

    private static Double number(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? null : x;
    }
}
