package dev.longhaul.analysis.fidelity;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.Quantiles;
import dev.longhaul.analysis.stats.Resampling;
import dev.longhaul.analysis.stats.SplitMix64;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's token-level fidelity, from the per-turn figures {@link TokenFidelity} added to its report: llama-perplexity's
 * statistics over every forced position of the run ({@link FidelityStats}), intervals that respect the turns, the
 * greedy divergence counts, and the per-turn series that shows whether fidelity decays as the context grows.
 *
 * <p>Intervals: the positions of one answer depend on each other (one early change moves everything after it), so
 * besides llama-perplexity's standard errors, which treat positions as independent, the mean KLD and the same-top
 * rate get a percentile bootstrap interval over <em>turns</em>: each of {@code B} resamples draws the run's turns with
 * replacement ({@link SplitMix64} from the {@link Resampling} seed, turn index after turn index) and pools the drawn
 * turns' positions (sum of KLD over sum of positions; same-top tokens over positions); the interval is the type-7
 * quantiles of the {@code B} pooled values at {@code (1 - level) / 2} and {@code 1 - (1 - level) / 2}. With one
 * turn it is that turn's value.
 *
 * @param turns                the turns with fidelity figures
 * @param topK                 the smallest K any turn used
 * @param stats                statistics over all positions of those turns (Δp pooled from the turns' figures)
 * @param kldMeanInterval      bootstrap interval of the mean KLD over turns
 * @param sameTopRateInterval  bootstrap interval of the same-top rate over turns
 * @param greedyTurns          turns that report a first divergence (greedy runs), 0 otherwise
 * @param divergedTurns        of those, the turns where the arm's answer departed from the baseline's
 * @param medianFirstDivergence the median token index of departure over the diverged turns; NaN when none
 * @param perTurn              one point per turn, in turn order
 */
public record FidelitySummary(int turns, int topK, FidelityStats stats, Interval kldMeanInterval,
                              Interval sameTopRateInterval, int greedyTurns, int divergedTurns,
                              double medianFirstDivergence, List<TurnPoint> perTurn) {

    /**
     * One turn's figures, for a per-turn chart.
     *
     * @param turn            the turn number
     * @param forcedTokens    positions compared
     * @param kldMean         mean KLD
     * @param kldP99          99th percentile KLD
     * @param sameTopRate     same-top rate
     * @param firstDivergence the token index where the arm's answer departed; null when it did not or unknown
     */
    public record TurnPoint(int turn, int forcedTokens, double kldMean, double kldP99, double sameTopRate,
                            Integer firstDivergence) {
    }

    /**
     * Copies the series.
     *
     * @param turns                the turns with fidelity figures
     * @param topK                 the smallest K any turn used
     * @param stats                statistics over all positions of those turns (Δp pooled from the turns' figures)
     * @param kldMeanInterval      bootstrap interval of the mean KLD over turns
     * @param sameTopRateInterval  bootstrap interval of the same-top rate over turns
     * @param greedyTurns          turns that report a first divergence (greedy runs), 0 otherwise
     * @param divergedTurns        of those, the turns where the arm's answer departed from the baseline's
     * @param medianFirstDivergence the median token index of departure over the diverged turns; NaN when none
     * @param perTurn              one point per turn, in turn order
     */
    public FidelitySummary {
        perTurn = List.copyOf(perTurn);
    }

    /**
     * @param report a report whose turns carry {@link TokenFidelity}'s figures
     * @return the summary with {@link Resampling#DEFAULT}; empty when no turn carries them
     * @throws IllegalArgumentException when a turn's figures are malformed, naming the turn
     */
    public static Optional<FidelitySummary> of(SessionReport report) {
        return of(report, Resampling.DEFAULT);
    }

    /**
     * @param report     a report whose turns carry {@link TokenFidelity}'s figures
     * @param resampling B, seed and level of the bootstrap intervals
     * @return the summary; empty when no turn carries figures
     * @throws IllegalArgumentException when a turn's figures are malformed, naming the turn
     */
    public static Optional<FidelitySummary> of(SessionReport report, Resampling resampling) {
        List<TurnFigures> turns = new ArrayList<>();
        for (TurnMetrics t : report.turnMetrics()) {
            if (t.values().containsKey(TokenFidelity.KLD_VALUES)) {
                turns.add(TurnFigures.read(t));
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
                deltaN += f.kld.length;
                deltaSum += f.kld.length * f.deltaPMean;
                deltaSquares += f.kld.length * f.deltaPRms * f.deltaPRms;
            }
        }
        FidelityStats stats = new FidelityStats(pooled.positions(), pooled.kldMean(), pooled.kldMeanSe(),
                pooled.kldMedian(), pooled.kldP99(), pooled.kldMax(), pooled.sameTop(), pooled.sameTopRate(),
                pooled.sameTopSe(), deltaN > 0 ? deltaSum / deltaN : Double.NaN,
                deltaN > 0 ? Math.sqrt(deltaSquares / deltaN) : Double.NaN);

        Interval[] intervals = bootstrapOverTurns(turns, resampling);
        List<TurnFigures> greedy = turns.stream().filter(f -> f.greedy).toList();
        double[] departures = greedy.stream().filter(f -> f.firstDivergence != null)
                .mapToDouble(f -> f.firstDivergence).sorted().toArray();
        List<TurnPoint> points = turns.stream().map(f -> new TurnPoint(f.turn, f.kld.length, f.stats.kldMean(),
                f.stats.kldP99(), f.stats.sameTopRate(), f.firstDivergence)).toList();
        return Optional.of(new FidelitySummary(turns.size(), turns.stream().mapToInt(f -> f.topK).min().orElse(0),
                stats, intervals[0], intervals[1], greedy.size(), departures.length,
                departures.length == 0 ? Double.NaN : Quantiles.ofSorted(departures, 0.5), points));
    }

    /**
     * The summary as an ordered map with snake_case keys, for {@code comparison.json}; NaN figures are left out.
     *
     * @return the map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("turns", turns);
        m.put("top_k", topK);
        m.put("forced_tokens", stats.positions());
        m.put("kld_mean", stats.kldMean());
        m.put("kld_mean_se", stats.kldMeanSe());
        m.put("kld_mean_ci95", List.of(kldMeanInterval.low(), kldMeanInterval.high()));
        m.put("kld_median", stats.kldMedian());
        m.put("kld_p99", stats.kldP99());
        m.put("kld_max", stats.kldMax());
        m.put("same_top_rate", stats.sameTopRate());
        m.put("same_top_se", stats.sameTopSe());
        m.put("same_top_ci95", List.of(sameTopRateInterval.low(), sameTopRateInterval.high()));
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

    private static Interval[] bootstrapOverTurns(List<TurnFigures> turns, Resampling resampling) {
        int t = turns.size();
        SplitMix64 random = new SplitMix64(resampling.seed());
        double[] kldMeans = new double[resampling.resamples()];
        double[] sameTopRates = new double[resampling.resamples()];
        for (int b = 0; b < kldMeans.length; b++) {
            double kldSum = 0;
            long positions = 0;
            long same = 0;
            for (int k = 0; k < t; k++) {
                TurnFigures f = turns.get(random.nextIndex(t));
                kldSum += f.kldSum;
                positions += f.kld.length;
                same += f.sameTop;
            }
            kldMeans[b] = kldSum / positions;
            sameTopRates[b] = (double) same / positions;
        }
        Arrays.sort(kldMeans);
        Arrays.sort(sameTopRates);
        double low = (1 - resampling.level()) / 2;
        double high = 1 - low;
        return new Interval[] {
            new Interval(Quantiles.ofSorted(kldMeans, low), Quantiles.ofSorted(kldMeans, high)),
            new Interval(Quantiles.ofSorted(sameTopRates, low), Quantiles.ofSorted(sameTopRates, high))};
    }

    /** One turn's figures as read from its metrics. */
    private static final class TurnFigures {
        final int turn;
        final double[] kld;
        final double kldSum;
        final FidelityStats stats;
        final int sameTop;
        final int topK;
        final double deltaPMean;
        final double deltaPRms;
        final boolean greedy;
        final Integer firstDivergence;

        private TurnFigures(TurnMetrics t, double[] kld) {
            this.turn = t.turn();
            this.kld = kld;
            this.sameTop = t.number(TokenFidelity.SAME_TOP_TOKENS).intValue();
            this.stats = FidelityStats.of(kld, Math.max(0, Math.min(sameTop, kld.length)), new double[0]);
            this.kldSum = stats.kldMean() * kld.length;
            this.topK = t.number(TokenFidelity.TOP_K).intValue();
            this.deltaPMean = optional(t, TokenFidelity.DELTA_P_MEAN);
            this.deltaPRms = optional(t, TokenFidelity.DELTA_P_RMS);
            this.greedy = t.values().containsKey(TokenFidelity.FIRST_DIVERGENCE_TOKEN);
            Object departs = t.values().get(TokenFidelity.FIRST_DIVERGENCE_TOKEN);
            this.firstDivergence = departs instanceof Number n ? n.intValue() : null;
        }

        static TurnFigures read(TurnMetrics t) {
            if (!(t.values().get(TokenFidelity.KLD_VALUES) instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("turn " + t.turn() + ": '" + TokenFidelity.KLD_VALUES
                        + "' is not a non-empty list of numbers");
            }
            double[] kld = new double[list.size()];
            for (int i = 0; i < kld.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("turn " + t.turn() + ": '" + TokenFidelity.KLD_VALUES
                            + "' holds " + list.get(i) + " at " + i + ", not a number");
                }
                kld[i] = n.doubleValue();
            }
            TurnFigures f = new TurnFigures(t, kld);
            if (f.sameTop < 0 || f.sameTop > kld.length) {
                throw new IllegalArgumentException("turn " + t.turn() + ": '" + TokenFidelity.SAME_TOP_TOKENS + "' "
                        + f.sameTop + " is out of range [0, " + kld.length + "]");
            }
            return f;
        }

        private static double optional(TurnMetrics t, String key) {
            return t.values().get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }
}
