package dev.longhaul.analysis.stats;

import java.util.Arrays;

/**
 * The percentile bootstrap interval of a mean. For paired data, pass the paired differences: resampling them keeps
 * every pair together.
 *
 * <p>Exactly: {@code B} resamples, each drawing {@code n} indices with {@link SplitMix64#nextIndex(int)} from one
 * generator seeded with {@link Resampling#seed()} (resample after resample, index after index) and taking the mean
 * of the drawn values (summed left to right, divided by {@code n}); the interval is the type-7 quantiles
 * ({@link Quantiles}) of the {@code B} sorted means at {@code (1 - level) / 2} and {@code 1 - (1 - level) / 2}.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * @param values     the sample (e.g. one paired difference per seed and turn)
     * @param resampling B, seed and level
     * @return the interval of the mean; {@link Interval#UNDEFINED} for an empty sample
     */
    public static Interval meanInterval(double[] values, Resampling resampling) {
        int n = values.length;
        if (n == 0) {
            return Interval.UNDEFINED;
        }
        SplitMix64 random = new SplitMix64(resampling.seed());
        double[] means = new double[resampling.resamples()];
        for (int b = 0; b < means.length; b++) {
            double sum = 0.0;
            for (int k = 0; k < n; k++) {
                sum += values[random.nextIndex(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        return new Interval(Quantiles.ofSorted(means, resampling.lowerProbability()),
                Quantiles.ofSorted(means, resampling.upperProbability()));
    }

    /**
     * @param values a sample
     * @return its mean, summed left to right; NaN when empty
     */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
