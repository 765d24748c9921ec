package dev.longhaul.analysis.stats;

/**
 * How intervals and p-values are resampled: the number of resamples {@code B}, the generator's seed and the
 * confidence level. The same settings on the same data always give the same figures.
 *
 * @param resamples the number of bootstrap resamples and the permutation test's Monte Carlo budget, at least 100
 * @param seed      the {@link SplitMix64} seed every resampling starts from
 * @param level     the confidence level of intervals, in (0, 1)
 */
public record Resampling(int resamples, long seed, double level) {

    /** 10,000 resamples, seed 42, 95% intervals. */
    public static final Resampling DEFAULT = new Resampling(10_000, 42L, 0.95);

    /**
     * Checks the ranges.
     *
     * @param resamples the number of bootstrap resamples and the permutation test's Monte Carlo budget, at least 100
     * @param seed      the {@link SplitMix64} seed every resampling starts from
     * @param level     the confidence level of intervals, in (0, 1)
     */
    public Resampling {
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples " + resamples + " must be at least 100");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level " + level + " is out of range (0, 1)");
        }
    }

    /** @return the lower quantile of an interval, {@code (1 - level) / 2} */
    double lowerProbability() {
        return (1.0 - level) / 2.0;
    }

    /** @return the upper quantile of an interval, {@code 1 - (1 - level) / 2} */
    double upperProbability() {
        return 1.0 - (1.0 - level) / 2.0;
    }
}
