package dev.longhaul.analysis;

import dev.longhaul.analysis.fidelity.FidelitySummary;
import dev.longhaul.analysis.stats.DropTest;
import dev.longhaul.analysis.stats.Holm;
import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Quantiles;
import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.analysis.stats.SeriesMeanTest;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Two sides of one or more runs each — an A/B arm against the baseline, repeated with seeds S, S+1, … — compared so
 * that the verdict can be trusted: its false-positive rate holds under the dependence real conversations have, as
 * the calibration test in the suite shows.
 *
 * <p><b>The unit of inference follows the {@link Design}.</b> In shared history every turn's two answers share their
 * context, so the per-turn differences are the data: the mean test is {@link SeriesMeanTest} (a long-run variance
 * that stays valid when turns are autocorrelated), valid with one run per arm and at least
 * {@value SeriesMeanTest#MIN_LENGTH} paired turns. Free-running runs drift as wholes, so the run is the unit: the mean
 * test is {@link RunMeansTest} on one mean per run (noise-floor runs add variance replicates), and with fewer than
 * {@value RunMeansTest#MIN_RUNS} distinct runs per arm the verdict is {@link VerdictKind#INCONCLUSIVE}.
 *
 * <p><b>One primary endpoint.</b> {@code quality_score} decides; the other metrics are secondary, their p-values
 * Holm-adjusted. The verdict's level is split ({@link VerdictLevels}): the mean test of {@code quality_score} at
 * α_m (96 % intervals by default) and the change test ({@link DropTest}) at α_c; the verdict calls a difference
 * when either does, so it is wrong on an A/A comparison at most α_m + α_c of the time. A drop located by the change
 * test makes the baseline better even when the mean moved less than the mean test can see.
 *
 * <p><b>Repeats that are one run.</b> Greedy decoding plays the same conversation whatever the seed: with every report
 * at temperature 0, repeats count as one; otherwise runs of one side that repeat an earlier run turn for turn
 * (free-running), or run pairs both of whose runs do (shared history), are counted once, and a note says so.
 *
 * <p><b>The change test</b> runs on the run pairs' per-turn differences, in shared history with a null of stationary
 * turns, free-running with a null of sign flips of whole pairs (their runs part at some turn and drift apart, which
 * no model of stationary turns covers; it needs 7 pairs to reach 1 %). A drop is reported only where the compared
 * side falls below the baseline.
 *
 * <p>Runs are paired by position (run i of A with run i of B) and turns by number and, where both runs saved them,
 * prompt (see {@link PairedRuns}). The seed's figures and verdict are kept in {@link #seed()}.
 *
 * @param seed             the seed's comparison: of the two reports for one run per side, else of the pooled turns
 *                         of all runs of each side (alerts of all runs, first degradation = the earliest)
 * @param design           how the runs were played
 * @param runs             run pairs
 * @param seeds            each side's sampling seeds, in run order ({@code config.seed}; null where a report has none)
 * @param metrics          compared metrics, {@code quality_score} (primary) first
 * @param perTurn          per-turn mean differences, turns ascending
 * @param changeTest       the change test on {@code quality_score}, or null when too few turns were paired in every
 *                         run pair
 * @param drop             where quality fell away, when the change test found it; else null
 * @param verdict          the judgement of {@code quality_score}
 * @param levels           the tests' levels
 * @param versusNoiseFloor shared history with noise-floor runs: the mean quality of side B minus that of the
 *                         baseline's reruns on the same turns, with its test; else null
 * @param fidelity         token-level fidelity of side B against A's answers, pooled over B's runs; null when B's
 *                         turns carry none
 * @param noiseFloor       the baseline against its reruns with other seeds (an A/A comparison), or null
 * @param notes            what a reader should know about the data (turns left out, repeats counted once)
 */
public record RepeatedComparison(Comparison seed, Design design, int runs, Pair<List<Long>> seeds,
                                 List<MetricDelta> metrics, List<TurnDelta> perTurn, ChangeTest changeTest,
                                 DropLocation drop, Verdict verdict, VerdictLevels levels, Inference versusNoiseFloor,
                                 FidelitySummary fidelity, RepeatedComparison noiseFloor, List<String> notes) {

    /** The composite quality score's key: the primary endpoint. */
    public static final String QUALITY = MetricKey.QUALITY_SCORE.name();

    /** The metrics compared by default: the quality score and the seed's three other summary figures. */
    public static final List<String> DEFAULT_METRICS =
            List.of(QUALITY, MetricKey.RESPONSE_LENGTH.name(), MetricKey.REPETITION_RATIO.name(),
                    MetricKey.HALLUCINATED_REFERENCES.name());

    /**
     * Copies the lists.
     *
     * @param seed             the seed's comparison
     * @param design           how the runs were played
     * @param runs             run pairs
     * @param seeds            each side's sampling seeds, in run order
     * @param metrics          compared metrics, {@code quality_score} (primary) first
     * @param perTurn          per-turn mean differences, turns ascending
     * @param changeTest       the change test on {@code quality_score}, or null
     * @param drop             where quality fell away, or null
     * @param verdict          the judgement of {@code quality_score}
     * @param levels           the tests' levels
     * @param versusNoiseFloor side B against the baseline's reruns (shared history), or null
     * @param fidelity         token-level fidelity of side B, or null
     * @param noiseFloor       the baseline against its reruns, or null
     * @param notes            what a reader should know about the data
     */
    public RepeatedComparison {
        metrics = List.copyOf(metrics);
        perTurn = List.copyOf(perTurn);
        notes = List.copyOf(notes);
    }

    /**
     * Compares the default metrics with the default levels, in the design the reports were played with.
     *
     * @param a the baseline's runs
     * @param b the compared side's runs, paired with {@code a} by position
     * @return the comparison
     * @throws IllegalArgumentException when a side is empty or the sides differ in size
     */
    public static RepeatedComparison of(List<SessionReport> a, List<SessionReport> b) {
        return of(a, b, List.of(), Design.of(a, b), DEFAULT_METRICS, VerdictLevels.DEFAULT);
    }

    /**
     * @param a       the baseline's runs
     * @param b       the compared side's runs, paired with {@code a} by position
     * @param noise   the baseline's configuration rerun with other seeds, paired with {@code a} by position (empty
     *                for none)
     * @param design  how the runs were played
     * @param metrics metric keys to compare ({@code quality_score} is always compared, first)
     * @param levels  the tests' levels
     * @return the comparison
     * @throws IllegalArgumentException when a side is empty, the sides differ in size, or the noise-floor runs are
     *                                  neither absent nor as many as side A's
     */
    public static RepeatedComparison of(List<SessionReport> a, List<SessionReport> b, List<SessionReport> noise,
                                        Design design, List<String> metrics, VerdictLevels levels) {
        PairedRuns runs = PairedRuns.of(a, b);
        if (!noise.isEmpty() && noise.size() != a.size()) {
            throw new IllegalArgumentException("the noise floor needs one rerun per baseline run (" + a.size()
                    + "), got " + noise.size());
        }
        List<String> notes = new ArrayList<>();
        int mismatches = runs.promptMismatches();
        if (mismatches > 0) {
            notes.add(mismatches + " turn" + (mismatches == 1 ? "" : "s") + " left out: the two runs asked different "
                    + "prompts there");
        }
        Units units = Units.of(design, runs, noise, notes);

        List<String> names = new ArrayList<>(new LinkedHashSet<>(prepend(metrics)));
        List<Measured> measured = new ArrayList<>();
        for (String name : names) {
            measured.add(Measured.of(name, runs, noise, units, levels));
        }
        List<MetricDelta> deltas = withHolm(measured, levels);

        ChangeTest change = null;
        DropLocation drop = null;
        Units.Change tested = units.change(measured.get(0).series(), levels, notes);
        if (tested != null) {
            DropTest.Result r = tested.result();
            int[] turns = tested.turns();
            change = new ChangeTest(turns.length, tested.units(), r.statistic(), r.pValue());
            // a drop: the compared side falls below the baseline, not merely loses a lead it had
            if (r.pValue() <= levels.changeTest() && r.meanAfter() < r.meanBefore() && r.meanAfter() < 0) {
                drop = new DropLocation(turns[r.split()], turns[r.setFirst()], turns[r.setLast()], levels.setLevel(),
                        r.pValue(), r.meanBefore(), r.meanAfter());
            }
        }
        FlashAttention.differs(a, b).ifPresent(notes::add);

        Comparison seedFigures = seedFigures(a, b);
        Inference versusNoise = design == Design.SHARED_HISTORY && !noise.isEmpty()
                ? versusNoiseFloor(noise, b, levels, notes) : null;
        RepeatedComparison floor = noise.isEmpty() ? null
                : of(a, noise, List.of(), design, metrics, levels);
        Verdict verdict = Verdicts.of(seedFigures.labels(), design, units, deltas.get(0), drop, levels);
        FidelitySummary fidelity = FidelitySummary.pooled(units.distinctRunsOfB(runs)).orElse(null);
        return new RepeatedComparison(seedFigures, design, runs.runs(), new Pair<>(seeds(a), seeds(b)), deltas,
                perTurn(measured), change, drop, verdict, levels, versusNoise, fidelity, floor, notes);
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

    private static List<String> prepend(List<String> metrics) {
        List<String> all = new ArrayList<>();
        all.add(QUALITY);
        all.addAll(metrics);
        return all;
    }

    /** One metric's paired series and its test, before the secondaries are adjusted together. */
    private record Measured(String name, List<PairedRuns.Series> series, Pair<Double> means, double pairedDelta,
                            int pairs, Pair<Double> spread, Inference inference) {

        static Measured of(String name, PairedRuns runs, List<SessionReport> noise, Units units,
                           VerdictLevels levels) {
            List<PairedRuns.Series> series = runs.series(name);
            double sumA = 0;
            double sumB = 0;
            int pairs = 0;
            for (PairedRuns.Series s : series) {
                for (int k = 0; k < s.size(); k++) {
                    sumA += s.a()[k];
                    sumB += s.b()[k];
                }
                pairs += s.size();
            }
            Pair<Double> means = new Pair<>(pairs == 0 ? Double.NaN : sumA / pairs, pairs == 0 ? Double.NaN : sumB / pairs);
            Pair<Double> spread = new Pair<>(Quantiles.spread(PairedRuns.runMeans(runs.sideA(), name)),
                    Quantiles.spread(PairedRuns.runMeans(runs.sideB(), name)));
            Inference inference = pairs == 0 ? null : units.test(name, series, runs, noise, levels.intervalLevel());
            return new Measured(name, series, means, means.b() - means.a(), pairs, spread, inference);
        }
    }

    private static List<MetricDelta> withHolm(List<Measured> measured, VerdictLevels levels) {
        double[] secondary = new double[measured.size() - 1];
        for (int i = 1; i < measured.size(); i++) {
            Inference inf = measured.get(i).inference();
            secondary[i - 1] = inf == null ? Double.NaN : inf.pValue();
        }
        double[] holm = Holm.adjust(secondary);
        List<MetricDelta> deltas = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            boolean primary = i == 0;
            double adjusted = primary ? Double.NaN : holm[i - 1];
            boolean significant = m.inference() != null
                    && (primary ? m.inference().pValue() <= levels.meanTest() : adjusted <= levels.verdict());
            double delta = m.inference() != null ? m.inference().estimate() : m.pairedDelta();
            deltas.add(new MetricDelta(m.name(), primary, m.means(), delta, m.pairs(), m.spread(), m.inference(),
                    adjusted, significant));
        }
        return deltas;
    }

    private static List<TurnDelta> perTurn(List<Measured> measured) {
        TreeMap<Integer, Map<String, double[]>> byTurn = new TreeMap<>();
        TreeMap<Integer, Integer> pairs = new TreeMap<>();
        for (PairedRuns.Series s : measured.get(0).series()) {
            for (int turn : s.turns()) {
                pairs.merge(turn, 1, Integer::sum);
            }
        }
        for (Measured m : measured) {
            for (PairedRuns.Series s : m.series()) {
                for (int k = 0; k < s.size(); k++) {
                    double[] sum = byTurn.computeIfAbsent(s.turns()[k], t -> new LinkedHashMap<>())
                            .computeIfAbsent(m.name(), n -> new double[2]);
                    sum[0] += s.b()[k] - s.a()[k];
                    sum[1]++;
                }
            }
        }
        List<TurnDelta> turns = new ArrayList<>();
        pairs.forEach((turn, count) -> {
            Map<String, Double> deltas = new LinkedHashMap<>();
            for (Measured m : measured) {
                double[] sum = byTurn.get(turn).get(m.name());
                if (sum != null) {
                    deltas.put(m.name(), sum[0] / sum[1]);
                }
            }
            turns.add(new TurnDelta(turn, count, deltas));
        });
        return turns;
    }

    private static Inference versusNoiseFloor(List<SessionReport> noise, List<SessionReport> b, VerdictLevels levels,
                                              List<String> notes) {
        PairedRuns vs = PairedRuns.of(noise, b);
        List<double[]> series = vs.series(QUALITY).stream().filter(s -> s.size() >= SeriesMeanTest.MIN_LENGTH)
                .map(PairedRuns.Series::differences).toList();
        if (series.isEmpty()) {
            notes.add("no comparison with the noise floor: fewer than " + SeriesMeanTest.MIN_LENGTH
                    + " turns paired with a rerun");
            return null;
        }
        return SeriesMeanTest.of(series, levels.intervalLevel());
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
            seeds.add(run.config().samplingSeed().orElse(null));
        }
        return Collections.unmodifiableList(seeds);
    }
}
