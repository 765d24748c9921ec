package dev.longhaul.analysis.stats;

import java.util.Arrays;

/**
 * Sample quantiles by Hyndman and Fan's definition 7 (R's default, NumPy's {@code linear}): the value at rank
 * {@code h = (n - 1) p}, interpolated linearly between the neighbouring order statistics as
 * {@code x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * @param sorted values in ascending order, not empty
     * @param p      the probability, in [0, 1]
     * @return the type-7 quantile
     */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a quantile needs at least one value");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability " + p + " is out of range [0, 1]");
        }
        double h = (sorted.length - 1) * p;
        int below = (int) Math.floor(h);
        if (below >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }

    /**
     * The spread between runs as multi-turn studies report unreliability: the 90th minus the 10th percentile.
     *
     * @param values e.g. one mean score per run, in any order
     * @return P90 − P10, 0 for a single value, NaN for none
     */
    public static double spread(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, 0.9) - ofSorted(sorted, 0.1);
    }
}
