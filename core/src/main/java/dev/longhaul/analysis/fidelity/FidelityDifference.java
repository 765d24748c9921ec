package dev.longhaul.analysis.fidelity;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.RatioEstimate;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How two arms' token fidelity against the same baseline differs — e.g. q4_0 against q8_0, both measured on f16's
 * answers — from paired per-turn differences: both arms forced the very same baseline answer at every turn, so turn
 * {@code t} of one and turn {@code t} of the other have the same positions and their difference carries none of the
 * turn-to-turn variation the two share.
 *
 * <p>Over the (run, turn) units both arms measured with the same number of positions {@code n_t}: the difference of the
 * pooled mean KLD {@code Σ (K_y − K_x) / Σ n} and of the same-top rate, each with the ratio estimator's t-interval
 * over the units ({@link RatioEstimate}, 95 %, from {@value RatioEstimate#MIN_UNITS} units on).
 *
 * @param labels      the two arms, {@code x} then {@code y}; differences are {@code y − x}
 * @param turns       paired (run, turn) units
 * @param kldMean     {@code y}'s pooled mean KLD minus {@code x}'s, with its interval and test
 * @param sameTopRate {@code y}'s same-top rate minus {@code x}'s, with its interval and test
 */
public record FidelityDifference(List<String> labels, int turns, Inference kldMean, Inference sameTopRate) {

    /**
     * Copies the labels.
     *
     * @param labels      the two arms, {@code x} then {@code y}; differences are {@code y − x}
     * @param turns       paired (run, turn) units
     * @param kldMean     {@code y}'s pooled mean KLD minus {@code x}'s, with its interval and test
     * @param sameTopRate {@code y}'s same-top rate minus {@code x}'s, with its interval and test
     */
    public FidelityDifference {
        labels = List.copyOf(labels);
    }

    /**
     * @param labelX the first arm's label
     * @param x      its runs (repeat by repeat)
     * @param labelY the second arm's label
     * @param y      its runs, paired with {@code x} by {@code ab_repeat}, or by position when the reports have none
     * @return the difference; empty when fewer than {@value RatioEstimate#MIN_UNITS} units pair up
     * @throws IllegalArgumentException when runs without {@code ab_repeat} do not pair up, or a KLD is no number
     */
    public static Optional<FidelityDifference> of(String labelX, List<SessionReport> x, String labelY,
                                                  List<SessionReport> y) {
        List<double[]> units = new ArrayList<>(); // {K_x, K_y, same_x, same_y, n}
        for (SessionReport[] pair : pairs(x, y)) {
            Map<Integer, TurnMetrics> byTurn = new HashMap<>();
            for (TurnMetrics t : pair[1].turnMetrics()) {
                byTurn.put(t.turn(), t);
            }
            for (TurnMetrics tx : pair[0].turnMetrics()) {
                TurnMetrics ty = byTurn.get(tx.turn());
                List<?> kx = tx.get(MetricKey.KLD_VALUES).orElse(null);
                List<?> ky = ty == null ? null : ty.get(MetricKey.KLD_VALUES).orElse(null);
                if (kx == null || ky == null || kx.isEmpty() || kx.size() != ky.size()) {
                    continue;
                }
                units.add(new double[] {sum(kx, tx), sum(ky, ty), tx.number(MetricKey.SAME_TOP_TOKENS).doubleValue(),
                    ty.number(MetricKey.SAME_TOP_TOKENS).doubleValue(), kx.size()});
            }
        }
        if (units.size() < RatioEstimate.MIN_UNITS) {
            return Optional.empty();
        }
        double[] kld = units.stream().mapToDouble(u -> u[1] - u[0]).toArray();
        double[] same = units.stream().mapToDouble(u -> u[3] - u[2]).toArray();
        double[] positions = units.stream().mapToDouble(u -> u[4]).toArray();
        return Optional.of(new FidelityDifference(List.of(labelX, labelY), units.size(),
                RatioEstimate.of(kld, positions, FidelitySummary.LEVEL),
                RatioEstimate.of(same, positions, FidelitySummary.LEVEL)));
    }

    /**
     * @return the difference as an ordered map with snake_case keys, for {@code comparison.json}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arms", labels);
        m.put("turns", turns);
        m.put("kld_mean_delta", kldMean.estimate());
        m.put("kld_mean_delta_ci95", List.of(kldMean.interval().low(), kldMean.interval().high()));
        m.put("kld_mean_delta_p_value", kldMean.pValue());
        m.put("same_top_delta", sameTopRate.estimate());
        m.put("same_top_delta_ci95", List.of(sameTopRate.interval().low(), sameTopRate.interval().high()));
        m.put("same_top_delta_p_value", sameTopRate.pValue());
        return m;
    }

    /**
     * The runs of the two arms that answered one conversation: matched by {@code ab_repeat} when the reports carry
     * it (an interrupted study may hold different repeats of each arm), else by position, which needs as many runs.
     */
    private static List<SessionReport[]> pairs(List<SessionReport> x, List<SessionReport> y) {
        List<SessionReport[]> pairs = new ArrayList<>();
        if (x.stream().allMatch(r -> r.config().abRepeat().isPresent())
                && y.stream().allMatch(r -> r.config().abRepeat().isPresent())) {
            Map<Integer, SessionReport> byRepeat = new HashMap<>();
            y.forEach(r -> byRepeat.put(r.config().abRepeat().orElseThrow(), r));
            for (SessionReport r : x) {
                SessionReport other = byRepeat.get(r.config().abRepeat().orElseThrow());
                if (other != null) {
                    pairs.add(new SessionReport[] {r, other});
                }
            }
            return pairs;
        }
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("fidelity of two arms is compared run by run: " + x.size() + " runs and "
                    + y.size() + " runs without ab_repeat to match them");
        }
        for (int i = 0; i < x.size(); i++) {
            pairs.add(new SessionReport[] {x.get(i), y.get(i)});
        }
        return pairs;
    }

    private static double sum(List<?> values, TurnMetrics turn) {
        double s = 0;
        for (Object v : values) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("turn " + turn.turn() + ": '" + MetricKey.KLD_VALUES + "' holds "
                        + v + ", not a number");
            }
            s += n.doubleValue();
        }
        return s;
    }
}
