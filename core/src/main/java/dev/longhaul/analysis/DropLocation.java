package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Bootstrap;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.Resampling;
import dev.longhaul.analysis.stats.SignFlipTest;
import java.util.List;

/**
 * Where the compared side's quality fell away from the baseline's: the turn from which the per-turn mean difference
 * of {@code quality_score} drops to a lower level and stays there.
 *
 * <p>Found as the single change point of a step fit: over the per-turn mean differences {@code x_1 … x_m} (turns
 * with at least one pair), the split {@code k} (2 ≤ k ≤ m) minimising the squared error of the two segment means
 * (earliest on ties). It is reported only when the paired differences from that turn on have a bootstrap interval
 * entirely below zero and below the mean difference before it, and a sign-flip p-value below {@code 1 - level} (so a
 * few turns cannot make a drop: with 5 pairs or fewer p cannot go below 0.0625) — a side that is worse from the first
 * turn has no drop to locate, only a worse mean.
 *
 * @param turn        the first turn of the lower level
 * @param meanBefore  the mean paired difference before it
 * @param meanAfter   the mean paired difference from it on
 * @param intervalAfter the bootstrap interval of {@code meanAfter}
 */
public record DropLocation(int turn, double meanBefore, double meanAfter, Interval intervalAfter) {

    /**
     * @param perTurn    the per-turn mean differences, turns ascending
     * @param quality    the paired quality observations
     * @param resampling how the interval is resampled
     * @return the drop, or null when there is none to locate
     */
    static DropLocation find(List<TurnDelta> perTurn, PairedRuns.Observations quality, Resampling resampling) {
        int m = perTurn.size();
        if (m < 2) {
            return null;
        }
        double[] x = perTurn.stream().mapToDouble(t -> t.deltas().get(RepeatedComparison.QUALITY)).toArray();
        int best = -1;
        double bestError = Double.POSITIVE_INFINITY;
        for (int k = 1; k < m; k++) {
            double error = squaredError(x, 0, k) + squaredError(x, k, m);
            if (error < bestError - 1e-15) {
                bestError = error;
                best = k;
            }
        }
        int turn = perTurn.get(best).turn();
        double[] after = quality.from(turn).differences();
        double meanAfter = Bootstrap.mean(after);
        double meanBefore = Bootstrap.mean(quality.before(turn).differences());
        Interval interval = Bootstrap.meanInterval(after, resampling);
        boolean significant = SignFlipTest.pValue(after, resampling) < 1 - resampling.level();
        if (!(interval.high() < 0 && interval.high() < meanBefore && significant)) {
            return null;
        }
        return new DropLocation(turn, meanBefore, meanAfter, interval);
    }

    private static double squaredError(double[] x, int from, int to) {
        double mean = 0.0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean /= to - from;
        double error = 0.0;
        for (int i = from; i < to; i++) {
            error += (x[i] - mean) * (x[i] - mean);
        }
        return error;
    }
}
