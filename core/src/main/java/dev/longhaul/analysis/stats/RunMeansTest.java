package dev.longhaul.analysis.stats;

/**
 * The difference between two groups of whole runs — in a free-running A/B, each arm's runs with their own histories
 * — from one mean per run: the run is the unit, so whatever makes turns of one run depend on each other, or whole runs
 * drift, is inside each unit and cannot fake a difference.
 *
 * <p>The pooled two-sample t: {@code estimate = mean(b) − mean(a)}, the variance between runs pooled over side A, side
 * B and, when given, further runs of the baseline's configuration (noise-floor runs: extra replicates of the same
 * variance), {@code s² = (SS_a + SS_b + SS_noise) / df} with {@code df = (R_a − 1) + (R_b − 1) + (R_noise − 1)},
 * {@code SE = s √(1/R_a + 1/R_b)}, Student's t with {@code df}. Pairing run i of A with run i of B (the same sampling seed) is not
 * used: runs of two configurations part at the first different token, so the pair shares little, and the unpaired test
 * stays valid (conservative) when it does share something. Under "no difference" both arms have the same variance,
 * which the pooled test assumes.
 */
public final class RunMeansTest {

    /** Runs per side the test needs: one run per side gives no estimate of the variance between runs. */
    public static final int MIN_RUNS = 2;

    private RunMeansTest() {
    }

    /**
     * @param a     side A's run means, at least {@value #MIN_RUNS}
     * @param b     side B's run means, at least {@value #MIN_RUNS}
     * @param noise run means of further runs of side A's configuration (may be empty)
     * @param level the interval's confidence level
     * @return the difference of the means with its interval and p-value
     * @throws IllegalArgumentException when a side has fewer than {@value #MIN_RUNS} runs
     */
    public static Inference of(double[] a, double[] b, double[] noise, double level) {
        if (a.length < MIN_RUNS || b.length < MIN_RUNS) {
            throw new IllegalArgumentException("the run-means test needs at least " + MIN_RUNS
                    + " runs per side, got " + a.length + " and " + b.length);
        }
        double squares = sumOfSquares(a) + sumOfSquares(b);
        int df = a.length - 1 + b.length - 1;
        if (noise.length >= 2) {
            squares += sumOfSquares(noise);
            df += noise.length - 1;
        }
        double variance = squares / df;
        double se = Math.sqrt(variance * (1.0 / a.length + 1.0 / b.length));
        return Inference.studentT(mean(b) - mean(a), se, df, level);
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double sumOfSquares(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s;
    }
}
