package dev.longhaul.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change test: did the compared side's quality fall to a lower level from some turn on, and from which? A
 * max-type test over every split, calibrated so that it calls a drop in a series without one no more often than its
 * level, also when turns are autocorrelated.
 *
 * <p>Input: {@code m} unit series of the same length {@code T} — in an A/B, the per-turn differences of each run pair
 * on the turns every pair answered — averaged turn by turn into {@code x}. Exactly:
 * <ol>
 *   <li>For every split {@code k} (the first {@code k} turns before, at least {@code max(3, ⌈T / 20⌉)} on each
 *       side):
 *       {@code z_k = (mean(x_1..x_k) − mean(x_{k+1}..x_T)) √(k (T − k) / T)}; {@code k̂} maximises {@code z_k}
 *       (earliest on ties) — a drop makes the turns before it higher.</li>
 *   <li>{@code Ω̂}: {@link LongRunVariance} of every unit centred on its own means before and after {@code k̂} (so
 *       that the drop itself does not inflate it), divided by {@code m} for the average.</li>
 *   <li>The statistic {@code S = z_k̂ / √Ω̂}. Its distribution under "no change" does not depend on the dependence of
 *       the turns (asymptotically), so it is drawn once per {@code (T, m)} by Monte Carlo: {@code B} samples of
 *       {@code m} independent standard normal series of length {@code T} through steps 1–3
 *       ({@link SplitMix64#nextGaussian()} from {@link VerdictLevels#seed()}); past {@value #NULL_LENGTH} turns at
 *       that length, where the long-run variance's cosines have reached their cap and the trimmed share of splits is
 *       fixed, so the distribution no longer depends on the length. The p-value is
 *       {@code (1 + #{null ≥ S}) / (1 + B)}.</li>
 *   <li>The confidence set of the split inverts the likelihood ratio (Hansen 2000): every {@code k} with
 *       {@code z_k > 0} and {@code (z_k̂² − z_k²) / Ω̂ ≤ −2 ln(1 − √level)} (7.35 at 95 %); reported as its first and
 *       last split.</li>
 * </ol>
 * Nothing is estimated on the segment the search picked alone: the interval that was once reported there is exactly
 * the kind of figure that always looks significant after a search.
 */
public final class DropTest {

    /** The shortest series the test runs on. */
    public static final int MIN_LENGTH = 10;

    /** The fewest turns on either side of a split in a short series; long ones keep 5 % on each side. */
    public static final int EDGE = 3;

    /** The longest series whose null distribution is drawn at its own length. */
    public static final int NULL_LENGTH = 600;

    private static final Map<NullKey, double[]> NULLS = new ConcurrentHashMap<>();

    /**
     * The outcome of the change test.
     *
     * @param split      {@code k̂}: the index of the first value of the lower level (0-based), i.e. turns before it
     * @param statistic  {@code S}
     * @param pValue     the Monte Carlo p-value
     * @param setFirst   the first split of the confidence set
     * @param setLast    the last split of the confidence set
     * @param meanBefore the mean of the averaged series before the split
     * @param meanAfter  the mean from the split on
     */
    public record Result(int split, double statistic, double pValue, int setFirst, int setLast, double meanBefore,
                         double meanAfter) {
    }

    private record NullKey(int length, int units, int draws, long seed) {
    }

    private DropTest() {
    }

    /**
     * @param units    unit series of one length, at least {@value #MIN_LENGTH} values each
     * @param levels   the Monte Carlo draws and seed, and the confidence set's level
     * @return the test's outcome
     * @throws IllegalArgumentException without units, with units of different lengths or shorter than
     *                                  {@value #MIN_LENGTH}
     */
    public static Result of(List<double[]> units, VerdictLevels levels) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("the change test needs at least one series");
        }
        int length = units.get(0).length;
        for (double[] u : units) {
            if (u.length != length) {
                throw new IllegalArgumentException("the change test needs series of one length, got " + length
                        + " and " + u.length);
            }
        }
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("the change test needs series of at least " + MIN_LENGTH
                    + " values, got " + length);
        }
        Scan scan = Scan.of(units);
        double[] nulls = NULLS.computeIfAbsent(new NullKey(Math.min(length, NULL_LENGTH), units.size(), levels.draws(),
                levels.seed()), DropTest::nullDistribution);
        int atLeast = nulls.length - lowerBound(nulls, scan.statistic);
        double p = (1.0 + atLeast) / (1.0 + nulls.length);

        double critical = -2 * Math.log(1 - Math.sqrt(levels.setLevel()));
        int first = scan.split;
        int last = scan.split;
        double best = scan.z[scan.split];
        for (int k = edge(length); k <= length - edge(length); k++) {
            double zk = scan.z[k];
            boolean inSet = zk > 0 && (scan.omega == 0 ? zk == best : (best * best - zk * zk) / scan.omega <= critical);
            if (inSet) {
                first = Math.min(first, k);
                last = Math.max(last, k);
            }
        }
        double[] x = scan.x;
        return new Result(scan.split, scan.statistic, p, first, last, mean(x, 0, scan.split),
                mean(x, scan.split, length));
    }

    /** Steps 1–3 on one set of units. */
    private static final class Scan {
        final double[] x;
        final double[] z;
        final int split;
        final double omega;
        final double statistic;

        private Scan(double[] x, double[] z, int split, double omega, double statistic) {
            this.x = x;
            this.z = z;
            this.split = split;
            this.omega = omega;
            this.statistic = statistic;
        }

        static Scan of(List<double[]> units) {
            int length = units.get(0).length;
            int m = units.size();
            double[] x = new double[length];
            for (double[] u : units) {
                for (int t = 0; t < length; t++) {
                    x[t] += u[t];
                }
            }
            double[] prefix = new double[length + 1];
            for (int t = 0; t < length; t++) {
                x[t] /= m;
                prefix[t + 1] = prefix[t] + x[t];
            }
            double[] z = new double[length + 1];
            int split = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int k = edge(length); k <= length - edge(length); k++) {
                double before = prefix[k] / k;
                double after = (prefix[length] - prefix[k]) / (length - k);
                z[k] = (before - after) * Math.sqrt((double) k * (length - k) / length);
                if (z[k] > best) {
                    best = z[k];
                    split = k;
                }
            }
            List<double[]> residuals = new ArrayList<>(m);
            for (double[] u : units) {
                double before = mean(u, 0, split);
                double after = mean(u, split, length);
                double[] r = new double[length];
                for (int t = 0; t < length; t++) {
                    r[t] = u[t] - (t < split ? before : after);
                }
                residuals.add(r);
            }
            double omega = LongRunVariance.of(residuals).omega() / m;
            double statistic = omega > 0 ? best / Math.sqrt(omega) : Math.signum(best) * Double.POSITIVE_INFINITY;
            return new Scan(x, z, split, omega, Double.isNaN(statistic) ? 0.0 : statistic);
        }
    }

    private static double[] nullDistribution(NullKey key) {
        SplitMix64 random = new SplitMix64(key.seed());
        double[] statistics = new double[key.draws()];
        List<double[]> units = new ArrayList<>(key.units());
        for (int b = 0; b < statistics.length; b++) {
            units.clear();
            for (int u = 0; u < key.units(); u++) {
                double[] series = new double[key.length()];
                for (int t = 0; t < series.length; t++) {
                    series[t] = random.nextGaussian();
                }
                units.add(series);
            }
            statistics[b] = Scan.of(units).statistic;
        }
        Arrays.sort(statistics);
        return statistics;
    }

    /** The fewest turns on either side of a split of a series of {@code length}. */
    static int edge(int length) {
        return Math.max(EDGE, (length + 19) / 20);
    }

    /** The index of the first sorted value ≥ {@code s} (ties count as at least as extreme). */
    private static int lowerBound(double[] sorted, double s) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < s) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += x[t];
        }
        return sum / (to - from);
    }
}
