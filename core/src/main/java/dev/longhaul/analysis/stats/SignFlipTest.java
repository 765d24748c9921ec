package dev.longhaul.analysis.stats;

/**
 * The paired permutation (sign-flip) test of "the mean difference is zero": under that hypothesis each paired
 * difference is as likely to have the other sign, so the p-value is the share of sign assignments whose
 * |sum| is at least the observed |sum|.
 *
 * <p>Exactly: with {@code n} differences, when {@code 2^n <= B} every assignment is enumerated (assignment
 * {@code m} negates difference {@code k} when bit {@code k} of {@code m} is set) and {@code p = count / 2^n};
 * otherwise {@code B} assignments are drawn, one {@link SplitMix64#nextSign()} per difference in order from one
 * generator seeded with {@link Resampling#seed()}, and {@code p = (count + 1) / (B + 1)}. Sums run left to right; a
 * sum counts when {@code |s| >= |observed| - 1e-12 (1 + |observed|)}, so that rounding does not decide ties. Zero
 * differences carry no sign and weigh nothing; all-zero differences give {@code p = 1}.
 */
public final class SignFlipTest {

    private SignFlipTest() {
    }

    /**
     * @param differences the paired differences
     * @param resampling  B and seed (the level is not used)
     * @return the two-sided p-value; NaN for no differences
     */
    public static double pValue(double[] differences, Resampling resampling) {
        int n = differences.length;
        if (n == 0) {
            return Double.NaN;
        }
        double observed = Math.abs(sum(differences, null, 0));
        double atLeast = observed - 1e-12 * (1 + observed);
        if (n < 31 && (1L << n) <= resampling.resamples()) {
            long count = 0;
            long assignments = 1L << n;
            for (long m = 0; m < assignments; m++) {
                if (Math.abs(sum(differences, null, m)) >= atLeast) {
                    count++;
                }
            }
            return (double) count / assignments;
        }
        SplitMix64 random = new SplitMix64(resampling.seed());
        long count = 0;
        for (int b = 0; b < resampling.resamples(); b++) {
            if (Math.abs(sum(differences, random, 0)) >= atLeast) {
                count++;
            }
        }
        return (count + 1.0) / (resampling.resamples() + 1.0);
    }

    /** The signed sum: signs from {@code random} when given, else from the bits of {@code mask}. */
    private static double sum(double[] differences, SplitMix64 random, long mask) {
        double s = 0.0;
        for (int k = 0; k < differences.length; k++) {
            boolean negate = random != null ? random.nextSign() : (mask >>> k & 1L) == 1L;
            s += negate ? -differences[k] : differences[k];
        }
        return s;
    }
}
