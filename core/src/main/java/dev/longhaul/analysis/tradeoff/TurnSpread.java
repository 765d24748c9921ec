package dev.longhaul.analysis.tradeoff;

import dev.longhaul.analysis.stats.Quantiles;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a per-turn figure (a speed, a time to first token) spreads over an arm's turns: the median and the 10th and
 * 90th percentiles (type 7, as NumPy's default), which a slow first turn or a warm cache does not pull as a mean
 * would.
 *
 * @param median the median over the turns
 * @param p10    the 10th percentile
 * @param p90    the 90th percentile
 * @param turns  the turns that had the figure
 */
public record TurnSpread(double median, double p10, double p90, int turns) {

    /**
     * @param values one value per turn, in any order; NaN values are left out
     * @return their spread; empty when no value is left
     */
    public static Optional<TurnSpread> of(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new TurnSpread(Quantiles.ofSorted(sorted, 0.5), Quantiles.ofSorted(sorted, 0.1),
                Quantiles.ofSorted(sorted, 0.9), sorted.length));
    }
}
