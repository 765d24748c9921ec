package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Bootstrap;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.Quantiles;
import dev.longhaul.analysis.stats.Resampling;
import dev.longhaul.analysis.stats.SignFlipTest;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two sides of one or more runs each — e.g. an A/B arm repeated with seeds S, S+1, … — compared so that the result
 * can be trusted: for each metric the mean paired difference with a bootstrap interval, a paired test p-value and
 * the spread between runs; the turn where quality fell away; "no significant difference" when the interval holds
 * zero; optionally the noise floor (the baseline against itself with other seeds) beside every figure.
 *
 * <p>Runs are paired by position (run i of A with run i of B) and turns by number; a (run pair, turn) counts for a
 * metric when both runs answered that turn with a numeric value. The resampling is documented in
 * {@link Bootstrap} and {@link SignFlipTest}; what is resampled is the list of these paired differences. The seed's
 * figures and verdict are kept in {@link #seed()} (over all runs of each side pooled).
 *
 * @param seed        the seed's comparison: of the two reports for one run per side, else of the pooled turns of all
 *                    runs of each side (alerts of all runs, first degradation = the earliest)
 * @param runs        run pairs
 * @param seeds       each side's sampling seeds, in run order ({@code config.seed}; null where a report has none)
 * @param metrics     metrics both sides carry, {@code quality_score} first
 * @param armMetrics  numeric metrics only side B carries (e.g. token-level fidelity against A's answers)
 * @param perTurn     per-turn mean differences and side-B-only means, turns ascending
 * @param drop        where side B's quality fell away, or null
 * @param verdict     the judgement of {@code quality_score} from its interval (and the noise floor when known)
 * @param resampling  how intervals and p-values were resampled
 * @param noiseFloor  the baseline against itself with other seeds, or null
 */
public record RepeatedComparison(Comparison seed, int runs, Pair<List<Long>> seeds, List<MetricDelta> metrics,
                                 List<MetricEstimate> armMetrics, List<TurnDelta> perTurn, DropLocation drop,
                                 String verdict, Resampling resampling, RepeatedComparison noiseFloor) {

    /** The composite quality score's key. */
    public static final String QUALITY = "quality_score";

    /** The metrics compared by default: the quality score and the seed's three other summary figures. */
    public static final List<String> DEFAULT_METRICS =
            List.of(QUALITY, "response_length", "repetition_ratio", "hallucinated_references");

    /**
     * Copies the lists.
     *
     * @param seed        the seed's comparison: of the two reports for one run per side, else of the pooled turns
     *                    of all runs of each side (alerts of all runs, first degradation = the earliest)
     * @param runs        run pairs
     * @param seeds       each side's sampling seeds, in run order ({@code config.seed}; null where a report has none)
     * @param metrics     metrics both sides carry, {@code quality_score} first
     * @param armMetrics  numeric metrics only side B carries (e.g. token-level fidelity against A's answers)
     * @param perTurn     per-turn mean differences and side-B-only means, turns ascending
     * @param drop        where side B's quality fell away, or null
     * @param verdict     the judgement of {@code quality_score} from its interval (and the noise floor when known)
     * @param resampling  how intervals and p-values were resampled
     * @param noiseFloor  the baseline against itself with other seeds, or null
     */
    public RepeatedComparison {
        metrics = List.copyOf(metrics);
        armMetrics = List.copyOf(armMetrics);
        perTurn = List.copyOf(perTurn);
    }

    /**
     * Compares the default metrics with the default resampling (10,000 resamples, seed 42, 95%).
     *
     * @param a the baseline's runs
     * @param b the compared side's runs, paired with {@code a} by position
     * @return the comparison
     * @throws IllegalArgumentException when a side is empty or the sides differ in size
     */
    public static RepeatedComparison of(List<SessionReport> a, List<SessionReport> b) {
        return of(a, b, DEFAULT_METRICS, Resampling.DEFAULT);
    }

    /**
     * @param a          the baseline's runs
     * @param b          the compared side's runs, paired with {@code a} by position
     * @param metrics    metric keys to compare ({@code quality_score} is always compared, first)
     * @param resampling resamples, seed and confidence level
     * @return the comparison
     * @throws IllegalArgumentException when a side is empty or the sides differ in size
     */
    public static RepeatedComparison of(List<SessionReport> a, List<SessionReport> b, List<String> metrics,
                                        Resampling resampling) {
        PairedRuns runs = PairedRuns.of(a, b);
        Set<String> names = new LinkedHashSet<>();
        names.add(QUALITY);
        names.addAll(metrics);

        List<MetricDelta> deltas = new ArrayList<>();
        Map<String, PairedRuns.Observations> paired = new LinkedHashMap<>();
        for (String name : names) {
            PairedRuns.Observations obs = runs.paired(name);
            paired.put(name, obs);
            deltas.add(delta(name, obs, runs, resampling));
        }
        List<MetricEstimate> armMetrics = new ArrayList<>();
        Map<String, PairedRuns.Observations> armOnly = new LinkedHashMap<>();
        for (String name : runs.sideBOnlyMetrics()) {
            PairedRuns.Observations obs = runs.sideBOnly(name);
            armOnly.put(name, obs);
            armMetrics.add(new MetricEstimate(name, Bootstrap.mean(obs.b()), Bootstrap.meanInterval(obs.b(), resampling),
                    obs.size(), Quantiles.spread(PairedRuns.runMeans(b, name)), null, null));
        }
        List<TurnDelta> perTurn = perTurn(paired, armOnly);
        Comparison seedFigures = seedFigures(a, b);
        DropLocation drop = DropLocation.find(perTurn, paired.get(QUALITY), resampling);
        return new RepeatedComparison(seedFigures, runs.runs(), new Pair<>(seeds(a), seeds(b)), deltas, armMetrics,
                perTurn, drop, verdict(seedFigures.labels(), deltas.get(0), resampling), resampling, null);
    }

    /**
     * This comparison with the noise floor beside every figure: each metric's interval between the baseline and
     * itself with other seeds, and whether this comparison's figure lies inside it (then the difference is no larger
     * than what reseeding alone produces, and the verdict says so).
     *
     * @param noise the baseline's runs against the baseline's runs with other seeds
     * @return a new comparison
     */
    public RepeatedComparison withNoiseFloor(RepeatedComparison noise) {
        List<MetricDelta> flagged = metrics.stream()
                .map(m -> noise.metric(m.metric()).map(m::withNoiseFloor).orElse(m)).toList();
        List<MetricEstimate> flaggedArm = armMetrics.stream()
                .map(m -> noise.armMetrics().stream().filter(n -> n.metric().equals(m.metric())).findFirst()
                        .map(m::withNoiseFloor).orElse(m)).toList();
        return new RepeatedComparison(seed, runs, seeds, flagged, flaggedArm, perTurn, drop,
                verdict(seed.labels(), flagged.get(0), resampling), resampling, noise);
    }

    /** @return the seed's verdict ({@code "<label> is BETTER by 0.062"} beyond ±0.05, else none) */
    public String seedVerdict() {
        return seed.verdict();
    }

    /** @return the two sides' labels */
    public Pair<String> labels() {
        return seed.labels();
    }

    /** @return the {@code quality_score} figure */
    public MetricDelta quality() {
        return metrics.get(0);
    }

    /**
     * @param name a metric key
     * @return the figure of that metric, when both sides carry it
     */
    public Optional<MetricDelta> metric(String name) {
        return metrics.stream().filter(m -> m.metric().equals(name)).findFirst();
    }

    private static MetricDelta delta(String name, PairedRuns.Observations obs, PairedRuns runs, Resampling resampling) {
        double[] d = obs.differences();
        return new MetricDelta(name, new Pair<>(Bootstrap.mean(obs.a()), Bootstrap.mean(obs.b())), Bootstrap.mean(d),
                Bootstrap.meanInterval(d, resampling), SignFlipTest.pValue(d, resampling), d.length,
                new Pair<>(Quantiles.spread(PairedRuns.runMeans(runs.sideA(), name)),
                        Quantiles.spread(PairedRuns.runMeans(runs.sideB(), name))),
                null, null);
    }

    private static List<TurnDelta> perTurn(Map<String, PairedRuns.Observations> paired,
                                           Map<String, PairedRuns.Observations> armOnly) {
        PairedRuns.Observations quality = paired.get(QUALITY);
        List<TurnDelta> turns = new ArrayList<>();
        java.util.Arrays.stream(quality.turns()).distinct().sorted().forEach(turn -> {
            Map<String, Double> deltas = new LinkedHashMap<>();
            paired.forEach((name, obs) -> {
                PairedRuns.Observations at = obs.at(turn);
                if (at.size() > 0) {
                    deltas.put(name, Bootstrap.mean(at.differences()));
                }
            });
            Map<String, Double> arm = new LinkedHashMap<>();
            armOnly.forEach((name, obs) -> {
                PairedRuns.Observations at = obs.at(turn);
                if (at.size() > 0) {
                    arm.put(name, Bootstrap.mean(at.b()));
                }
            });
            turns.add(new TurnDelta(turn, quality.at(turn).size(), deltas, arm));
        });
        return turns;
    }

    private static Comparison seedFigures(List<SessionReport> a, List<SessionReport> b) {
        Comparison first = Comparison.of(a.get(0), b.get(0));
        if (a.size() == 1) {
            return first;
        }
        return Comparison.of(first.labels().a(), pooled(a), first.labels().b(), pooled(b));
    }

    /** The seed's summary of all runs' turns taken together. */
    private static Summary pooled(List<SessionReport> runs) {
        List<TurnMetrics> turns = new ArrayList<>();
        List<DegradationAlert> alerts = new ArrayList<>();
        int failed = 0;
        for (SessionReport run : runs) {
            turns.addAll(PairedRuns.measured(run));
            alerts.addAll(run.degradationAlerts());
            failed += run.failedTurns().size();
        }
        alerts.sort(Comparator.comparingInt(DegradationAlert::turn));
        return Summaries.of(turns, alerts, failed);
    }

    private static List<Long> seeds(List<SessionReport> runs) {
        List<Long> seeds = new ArrayList<>();
        for (SessionReport run : runs) {
            seeds.add(run.config().extra().get("seed") instanceof Number n ? n.longValue() : null);
        }
        return java.util.Collections.unmodifiableList(seeds);
    }

    private static String verdict(Pair<String> labels, MetricDelta quality, Resampling resampling) {
        if (quality.pairs() == 0) {
            return "No paired turns to compare";
        }
        String figures = "quality delta " + signed(quality.delta()) + ", " + percent(resampling.level()) + " CI "
                + interval(quality.interval()) + ", p=" + PythonFormat.fixed(quality.pValue(), 4);
        String noise = Boolean.TRUE.equals(quality.withinNoiseFloor())
                ? "; within the noise floor " + interval(quality.noiseFloor()) : "";
        if (!quality.significant()) {
            return "No significant difference (" + figures + ")" + noise;
        }
        String better = quality.delta() > 0 ? labels.b() : labels.a();
        return better + " is BETTER by " + PythonFormat.fixed(Math.abs(quality.delta()), 3) + " (" + figures + ")"
                + noise;
    }

    static String signed(double x) {
        double normalized = x + 0.0; // -0.0 reads "+0.000"
        return (normalized >= 0 ? "+" : "") + PythonFormat.fixed(normalized, 3);
    }

    static String interval(Interval interval) {
        return "[" + signed(interval.low()) + ", " + signed(interval.high()) + "]";
    }

    static String percent(double level) {
        return new java.math.BigDecimal(Double.toString(level)).movePointRight(2).stripTrailingZeros().toPlainString()
                + "%";
    }
}
