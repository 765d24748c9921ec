package dev.longhaul.analysis.stats;

/**
 * How a comparison's verdict spends its false-positive rate, and how its Monte Carlo figures are drawn.
 *
 * <p>The verdict calls a difference when the mean test or the change test does, so its level is at most the sum of
 * the two: by default 4 % for the mean test of {@code quality_score} (its intervals are 96 % intervals) and 1 % for
 * the change test that says from which turn quality fell away — 5 % in all. The confidence set of the turn a drop
 * starts from has its own level (95 %).
 *
 * @param meanTest   the mean test's level α_m, in (0, 1)
 * @param changeTest the change test's level α_c, in (0, 1); {@code meanTest + changeTest} below 1
 * @param setLevel   the confidence level of the set of turns where a drop may start, in (0, 1)
 * @param draws      Monte Carlo draws of the change test's null distribution, at least 1000
 * @param seed       the {@link SplitMix64} seed of those draws
 */
public record VerdictLevels(double meanTest, double changeTest, double setLevel, int draws, long seed) {

    /** 4 % + 1 %, a 95 % set, 10,000 draws, seed 42. */
    public static final VerdictLevels DEFAULT = new VerdictLevels(0.04, 0.01, 0.95, 10_000, 42L);

    /**
     * Checks the ranges.
     *
     * @param meanTest   the mean test's level α_m, in (0, 1)
     * @param changeTest the change test's level α_c, in (0, 1); {@code meanTest + changeTest} below 1
     * @param setLevel   the confidence level of the set of turns where a drop may start, in (0, 1)
     * @param draws      Monte Carlo draws of the change test's null distribution, at least 1000
     * @param seed       the {@link SplitMix64} seed of those draws
     */
    public VerdictLevels {
        if (!(meanTest > 0 && changeTest > 0 && meanTest + changeTest < 1)) {
            throw new IllegalArgumentException("test levels " + meanTest + " and " + changeTest
                    + " must be positive and sum to less than 1");
        }
        if (!(setLevel > 0 && setLevel < 1)) {
            throw new IllegalArgumentException("confidence level " + setLevel + " is out of range (0, 1)");
        }
        if (draws < 1000) {
            throw new IllegalArgumentException("Monte Carlo draws " + draws + " must be at least 1000");
        }
    }

    /** @return the verdict's level: the mean test's plus the change test's */
    public double verdict() {
        return meanTest + changeTest;
    }

    /** @return the confidence level of the mean test's intervals, {@code 1 − meanTest} */
    public double intervalLevel() {
        return 1 - meanTest;
    }
}
