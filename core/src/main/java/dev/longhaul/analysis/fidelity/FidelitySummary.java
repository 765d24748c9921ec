package dev.longhaul.analysis.fidelity;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.Quantiles;
import dev.longhaul.analysis.stats.RatioEstimate;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An arm's token-level fidelity over one run or several, from the per-turn figures {@link TokenFidelity} added to its
 * reports: llama-perplexity's statistics over every forced position pooled ({@link FidelityStats}), intervals that
 * respect the turns, the greedy divergence counts, and the per-turn series that shows whether fidelity decays as the
 * context grows.
 *
 * <p><b>Pooled as llama-perplexity pools.</b> Mean, median, 99th percentile and maximum KLD and the same-top rate are
 * over all forced positions of all turns together (a turn of 90 tokens weighs nine times a turn of 10), not means of
 * per-turn figures. Δp is averaged over the positions that have one: each turn's {@code delta_p_mean}
 * weighs its {@code delta_p_tokens} (reports written before that key existed weigh its {@code forced_tokens}).
 *
 * <p><b>Intervals over turns.</b> The positions of one answer depend on each other (one early change moves everything
 * after it), so llama-perplexity's standard errors, which treat positions as independent, are too small for a run.
 * The mean KLD and the same-top rate get a 95 % t-interval of the ratio estimator with the turn as the unit
 * ({@link RatioEstimate}: {@code T − 1} degrees of freedom; on the log scale for KLD, which is positive and
 * right-skewed; clipped to [0, 1] for the rate), given from {@value RatioEstimate#MIN_UNITS} turns on; with fewer
 * there is none ("too few turns for an interval").
 *
 * @param runs                  the runs pooled
 * @param turns                 the turns with fidelity figures, over all runs
 * @param topK                  the smallest K any turn used
 * @param stats                 statistics over all positions of those turns
 * @param kldMean               the mean KLD with its interval over turns; null with too few turns
 * @param sameTopRate           the same-top rate with its interval over turns; null with too few turns
 * @param greedyTurns           turns that report a first divergence (greedy runs), 0 otherwise
 * @param divergedTurns         of those, the turns where the arm's answer departed from the baseline's
 * @param medianFirstDivergence the median token index of departure over the diverged turns; NaN when none
 * @param perTurn               one point per turn, run by run, in turn order
 */
public record FidelitySummary(int runs, int turns, int topK, FidelityStats stats, Inference kldMean,
                              Inference sameTopRate, int greedyTurns, int divergedTurns, double medianFirstDivergence,
                              List<TurnPoint> perTurn) {

    /** The confidence level of the intervals over turns. */
    public static final double LEVEL = 0.95;

    /**
     * One turn's figures, for a per-turn chart.
     *
     * @param run             the run's position among the pooled runs, from 1
     * @param turn            the turn number
     * @param forcedTokens    positions compared
     * @param kldMean         mean KLD
     * @param kldP99          99th percentile KLD
     * @param sameTopRate     same-top rate
     * @param firstDivergence the token index where the arm's answer departed; null when it did not or unknown
     */
    public record TurnPoint(int run, int turn, int forcedTokens, double kldMean, double kldP99, double sameTopRate,
                            Integer firstDivergence) {
    }

    /**
     * Copies the series.
     *
     * @param runs                  the runs pooled
     * @param turns                 the turns with fidelity figures, over all runs
     * @param topK                  the smallest K any turn used
     * @param stats                 statistics over all positions of those turns
     * @param kldMean               the mean KLD with its interval over turns; null with too few turns
     * @param sameTopRate           the same-top rate with its interval over turns; null with too few turns
     * @param greedyTurns           turns that report a first divergence (greedy runs), 0 otherwise
     * @param divergedTurns         of those, the turns where the arm's answer departed from the baseline's
     * @param medianFirstDivergence the median token index of departure over the diverged turns; NaN when none
     * @param perTurn               one point per turn, run by run, in turn order
     */
    public FidelitySummary {
        perTurn = List.copyOf(perTurn);
    }

    /**
     * @param report a report whose turns carry {@link TokenFidelity}'s figures
     * @return the run's summary; empty when no turn carries them
     * @throws IllegalArgumentException when a turn's figures are malformed, naming the turn
     */
    public static Optional<FidelitySummary> of(SessionReport report) {
        return pooled(List.of(report));
    }

    /**
     * @param runs reports of one arm (e.g. its repeats) whose turns carry {@link TokenFidelity}'s figures
     * @return the summary of all their turns pooled; empty when no turn carries figures
     * @throws IllegalArgumentException when a turn's figures are malformed, naming the turn
     */
    public static Optional<FidelitySummary> pooled(List<SessionReport> runs) {
        List<TurnFigures> turns = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            for (TurnMetrics t : runs.get(r).turnMetrics()) {
                if (t.has(MetricKey.KLD_VALUES)) {
                    turns.add(TurnFigures.read(r + 1, t));
                }
            }
        }
        if (turns.isEmpty()) {
            return Optional.empty();
        }
        double[] kld = turns.stream().flatMapToDouble(f -> Arrays.stream(f.kld)).toArray();
        int sameTop = turns.stream().mapToInt(f -> f.sameTop).sum();
        FidelityStats pooled = FidelityStats.of(kld, sameTop, new double[0]);
        double deltaN = 0;
        double deltaSum = 0;
        double deltaSquares = 0;
        for (TurnFigures f : turns) {
            if (!Double.isNaN(f.deltaPMean)) {
                deltaN += f.deltaPTokens;
                deltaSum += f.deltaPTokens * f.deltaPMean;
                deltaSquares += f.deltaPTokens * f.deltaPRms * f.deltaPRms;
            }
        }
        FidelityStats stats = new FidelityStats(pooled.positions(), pooled.kldMean(), pooled.kldMeanSe(),
                pooled.kldMedian(), pooled.kldP99(), pooled.kldMax(), pooled.sameTop(), pooled.sameTopRate(),
                pooled.sameTopSe(), deltaN > 0 ? deltaSum / deltaN : Double.NaN,
                deltaN > 0 ? Math.sqrt(deltaSquares / deltaN) : Double.NaN);

        Inference kldMean = null;
        Inference sameTopRate = null;
        if (turns.size() >= RatioEstimate.MIN_UNITS) {
            double[] positions = turns.stream().mapToDouble(f -> f.kld.length).toArray();
            kldMean = RatioEstimate.ofPositive(turns.stream().mapToDouble(f -> f.kldSum).toArray(), positions, LEVEL);
            sameTopRate = RatioEstimate.of(turns.stream().mapToDouble(f -> f.sameTop).toArray(), positions, LEVEL)
                    .clippedTo(0, 1);
        }
        List<TurnFigures> greedy = turns.stream().filter(f -> f.greedy).toList();
        double[] departures = greedy.stream().filter(f -> f.firstDivergence != null)
                .mapToDouble(f -> f.firstDivergence).sorted().toArray();
        List<TurnPoint> points = turns.stream().map(f -> new TurnPoint(f.run, f.turn, f.kld.length,
                f.stats.kldMean(), f.stats.kldP99(), f.stats.sameTopRate(), f.firstDivergence)).toList();
        return Optional.of(new FidelitySummary(runs.size(), turns.size(),
                turns.stream().mapToInt(f -> f.topK).min().orElse(0), stats, kldMean, sameTopRate, greedy.size(),
                departures.length, departures.length == 0 ? Double.NaN : Quantiles.ofSorted(departures, 0.5), points));
    }

    /** @return the interval of the mean KLD over turns; {@link Interval#UNDEFINED} with too few turns */
    public Interval kldMeanInterval() {
        return kldMean == null ? Interval.UNDEFINED : kldMean.interval();
    }

    /** @return the interval of the same-top rate over turns; {@link Interval#UNDEFINED} with too few turns */
    public Interval sameTopRateInterval() {
        return sameTopRate == null ? Interval.UNDEFINED : sameTopRate.interval();
    }

    /**
     * The summary as an ordered map with snake_case keys, for {@code comparison.json}; NaN figures are left out and
     * intervals with too few turns are null, with {@code interval_note} saying why.
     *
     * @return the map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (runs > 1) {
            m.put("runs", runs);
        }
        m.put("turns", turns);
        m.put("top_k", topK);
        m.put("forced_tokens", stats.positions());
        m.put("kld_mean", stats.kldMean());
        m.put("kld_mean_se", stats.kldMeanSe());
        m.put("kld_mean_ci95", interval(kldMean));
        m.put("kld_median", stats.kldMedian());
        m.put("kld_p99", stats.kldP99());
        m.put("kld_max", stats.kldMax());
        m.put("same_top_rate", stats.sameTopRate());
        m.put("same_top_se", stats.sameTopSe());
        m.put("same_top_ci95", interval(sameTopRate));
        if (kldMean == null) {
            m.put("interval_note", tooFewTurns());
        }
        if (!Double.isNaN(stats.deltaPMean())) {
            m.put("delta_p_mean", stats.deltaPMean());
            m.put("delta_p_rms", stats.deltaPRms());
        }
        if (greedyTurns > 0) {
            m.put("greedy_turns", greedyTurns);
            m.put("diverged_turns", divergedTurns);
            if (divergedTurns > 0) {
                m.put("median_first_divergence_token", medianFirstDivergence);
            }
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (TurnPoint p : perTurn) {
            Map<String, Object> point = new LinkedHashMap<>();
            if (runs > 1) {
                point.put("run", p.run());
            }
            point.put("turn", p.turn());
            point.put("forced_tokens", p.forcedTokens());
            point.put("kld_mean", p.kldMean());
            point.put("kld_p99", p.kldP99());
            point.put("same_top_rate", p.sameTopRate());
            if (greedyTurns > 0) {
                point.put("first_divergence_token", p.firstDivergence());
            }
            series.add(point);
        }
        m.put("per_turn", series);
        return m;
    }

    /** @return the sentence that stands where an interval over turns would: why there is none */
    public String tooFewTurns() {
        return "too few turns for an interval (" + turns + " < " + RatioEstimate.MIN_UNITS + ")";
    }

    private static List<Double> interval(Inference inference) {
        return inference == null ? null : List.of(inference.interval().low(), inference.interval().high());
    }

    /** One turn's figures as read from its metrics. */
    private static final class TurnFigures {
        final int run;
        final int turn;
        final double[] kld;
        final double kldSum;
        final FidelityStats stats;
        final int sameTop;
        final int topK;
        final double deltaPMean;
        final double deltaPRms;
        final double deltaPTokens;
        final boolean greedy;
        final Integer firstDivergence;

        private TurnFigures(int run, TurnMetrics t, double[] kld) {
            this.run = run;
            this.turn = t.turn();
            this.kld = kld;
            this.sameTop = t.number(MetricKey.SAME_TOP_TOKENS).intValue();
            this.stats = FidelityStats.of(kld, Math.max(0, Math.min(sameTop, kld.length)), new double[0]);
            this.kldSum = Arrays.stream(kld).sum();
            this.topK = t.number(MetricKey.FIDELITY_TOP_K).intValue();
            this.deltaPMean = t.numberOrNaN(MetricKey.DELTA_P_MEAN);
            this.deltaPRms = t.numberOrNaN(MetricKey.DELTA_P_RMS);
            double counted = t.numberOrNaN(MetricKey.DELTA_P_TOKENS);
            this.deltaPTokens = Double.isNaN(counted) ? kld.length : counted;
            this.greedy = t.has(MetricKey.FIRST_DIVERGENCE_TOKEN);
            this.firstDivergence = t.get(MetricKey.FIRST_DIVERGENCE_TOKEN).orElse(null);
        }

        static TurnFigures read(int run, TurnMetrics t) {
            List<?> list = t.get(MetricKey.KLD_VALUES).orElse(null);
            if (list == null || list.isEmpty()) {
                throw new IllegalArgumentException("turn " + t.turn() + ": '" + MetricKey.KLD_VALUES
                        + "' is not a non-empty list of numbers");
            }
            double[] kld = new double[list.size()];
            for (int i = 0; i < kld.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("turn " + t.turn() + ": '" + MetricKey.KLD_VALUES
                            + "' holds " + list.get(i) + " at " + i + ", not a number");
                }
                kld[i] = n.doubleValue();
            }
            TurnFigures f = new TurnFigures(run, t, kld);
            if (f.sameTop < 0 || f.sameTop > kld.length) {
                throw new IllegalArgumentException("turn " + t.turn() + ": '" + MetricKey.SAME_TOP_TOKENS + "' "
                        + f.sameTop + " is out of range [0, " + kld.length + "]");
            }
            return f;
        }
    }
}
