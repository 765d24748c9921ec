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
 * <ol start="0">
 *   <li>Turns are weighed by how spread they are: steps 1–2 with equal weights locate a preliminary split, and
 *       turn {@code t} gets the weight {@code 1 / s_t²}, {@code s_t} the residuals' local root mean square (over all
 *       units, the turns within {@code max(3, ⌈T / 10⌉)}; at least a tenth of the overall one). Real differences are
 *       far from equally spread — two answers agree for ten turns and part for the next five — and a test that
 *       assumed one variance would take a burst of spread for a drop.</li>
 *   <li>For every split {@code k} (the first {@code k} turns before, at least {@code max(3, ⌈T / 20⌉)} on each
 *       side): the weighted means of {@code x} before and after it, and
 *       {@code z_k = (mean_before − mean_after) / √(1/W_before + 1/W_after)} ({@code W} the sums of the weights; with
 *       equal weights {@code (mean_before − mean_after) √(k (T − k) / T)}); {@code k̂} maximises {@code z_k} (earliest
 *       on ties) — a drop makes the turns before it higher.</li>
 *   <li>{@code Ω̂}: {@link LongRunVariance} of every unit centred on its own means before and after {@code k̂} (so
 *       that the drop itself does not inflate it) and divided by {@code s_t}, over {@code m} for the average.</li>
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
 *
 * <p><b>Two nulls.</b> {@link #of} draws the null of step 3 from independent normal series: valid when the units'
 * turns are stationary (a shared-history run pair's differences). {@link #flippingUnits} instead recomputes the
 * statistic under every sign flip of whole units (or {@code B} random ones when there are more than {@code B}):
 * exact whenever each unit is as likely to be negated as not — the difference of two runs of one configuration, whatever
 * its turns do (free-running runs that part at some turn and drift on their own after it) — at the price of needing
 * {@code 2^m ≥ 1 / α} units to reach level α (7 for 1 %).
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
        int length = checkedLength(units);
        Scan scan = Scan.of(units);
        double[] nulls = NULLS.computeIfAbsent(new NullKey(Math.min(length, NULL_LENGTH), units.size(), levels.draws(),
                levels.seed()), DropTest::nullDistribution);
        int atLeast = nulls.length - lowerBound(nulls, scan.statistic);
        return result(scan, (1.0 + atLeast) / (1.0 + nulls.length), levels);
    }

    /**
     * The change test with the null of whole-unit sign flips: every assignment of signs to the units when there are
     * at most {@code levels.draws()} of them ({@code p = #{S_flipped ≥ S} / 2^m}, the identity included), else
     * {@code draws} random assignments ({@code p = (1 + #{S_flipped ≥ S}) / (1 + draws)}).
     *
     * @param units  unit series of one length, at least {@value #MIN_LENGTH} values each, each symmetric about zero
     *               under "no difference"
     * @param levels the draws and seed, and the confidence set's level
     * @return the test's outcome
     * @throws IllegalArgumentException without units, with units of different lengths or shorter than
     *                                  {@value #MIN_LENGTH}
     */
    public static Result flippingUnits(List<double[]> units, VerdictLevels levels) {
        checkedLength(units);
        Scan scan = Scan.of(units);
        int m = units.size();
        boolean enumerate = m < 31 && (1L << m) <= levels.draws();
        long assignments = enumerate ? 1L << m : levels.draws();
        SplitMix64 random = new SplitMix64(levels.seed());
        List<double[]> flipped = new ArrayList<>(units);
        long atLeast = 0;
        for (long a = 0; a < assignments; a++) {
            for (int u = 0; u < m; u++) {
                boolean negate = enumerate ? (a >>> u & 1L) == 1L : random.nextDouble() < 0.5;
                flipped.set(u, negate ? negated(units.get(u)) : units.get(u));
            }
            if (Scan.of(flipped).statistic >= scan.statistic) {
                atLeast++;
            }
        }
        double p = enumerate ? (double) atLeast / assignments : (1.0 + atLeast) / (1.0 + assignments);
        return result(scan, p, levels);
    }

    /**
     * @param alpha a test level
     * @return the fewest units with which {@link #flippingUnits} can reach it: the smallest {@code m} with
     *         {@code 2^-m ≤ alpha}
     */
    public static int unitsToFlip(double alpha) {
        return (int) Math.ceil(Math.log(1 / alpha) / Math.log(2) - 1e-9);
    }

    private static int checkedLength(List<double[]> units) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("the change test needs at least one series");
        }
        int length = units.get(0).length;
        for (double[] u : units) {
            if (u.length != length) {
                throw new IllegalArgumentException("the change test needs series of one length, got " + length
                        + " and " + u.length);
            }
            for (double v : u) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the change test needs finite values, got " + v);
                }
            }
        }
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("the change test needs series of at least " + MIN_LENGTH
                    + " values, got " + length);
        }
        return length;
    }

    /** The outcome with its confidence set (step 4). */
    private static Result result(Scan scan, double p, VerdictLevels levels) {
        int length = scan.x.length;
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
        return new Result(scan.split, scan.statistic, p, first, last, mean(scan.x, 0, scan.split),
                mean(scan.x, scan.split, length));
    }

    private static double[] negated(double[] x) {
        double[] n = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            n[t] = -x[t];
        }
        return n;
    }

    /** Steps 0–3 on one set of units. */
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

        /** Step 0 (a preliminary unweighted split and the local scale), then steps 1–3 with those weights. */
        static Scan of(List<double[]> units) {
            int length = units.get(0).length;
            double[] flat = new double[length];
            Arrays.fill(flat, 1.0);
            Scan preliminary = weighted(units, flat);
            return weighted(units, localScale(residuals(units, preliminary.split)));
        }

        /**
         * Steps 1–3 with turn {@code t} weighed by {@code 1 / scale[t]²}: the two segments' weighted means, their
         * difference over its standard error {@code √(1/W₁ + 1/W₂)}, and the long-run variance of the units' residuals
         * divided by the scale.
         */
        static Scan weighted(List<double[]> units, double[] scale) {
            int length = units.get(0).length;
            int m = units.size();
            double[] x = new double[length];
            for (double[] u : units) {
                for (int t = 0; t < length; t++) {
                    x[t] += u[t] / m;
                }
            }
            double[] weight = new double[length + 1];
            double[] weighted = new double[length + 1];
            for (int t = 0; t < length; t++) {
                double w = 1 / (scale[t] * scale[t]);
                weight[t + 1] = weight[t] + w;
                weighted[t + 1] = weighted[t] + w * x[t];
            }
            double[] z = new double[length + 1];
            int split = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int k = edge(length); k <= length - edge(length); k++) {
                double w1 = weight[k];
                double w2 = weight[length] - weight[k];
                double before = weighted[k] / w1;
                double after = (weighted[length] - weighted[k]) / w2;
                z[k] = (before - after) / Math.sqrt(1 / w1 + 1 / w2);
                if (z[k] > best) {
                    best = z[k];
                    split = k;
                }
            }
            List<double[]> standardised = new ArrayList<>(m);
            for (double[] r : residuals(units, split)) {
                double[] v = new double[length];
                for (int t = 0; t < length; t++) {
                    v[t] = r[t] / scale[t];
                }
                standardised.add(v);
            }
            double omega = LongRunVariance.of(standardised).omega() / m;
            double statistic = omega > 0 ? best / Math.sqrt(omega) : Math.signum(best) * Double.POSITIVE_INFINITY;
            return new Scan(x, z, split, omega, Double.isNaN(statistic) ? 0.0 : statistic);
        }

        /** Each unit centred on its own means before and after {@code split}. */
        private static List<double[]> residuals(List<double[]> units, int split) {
            int length = units.get(0).length;
            List<double[]> residuals = new ArrayList<>(units.size());
            for (double[] u : units) {
                double before = mean(u, 0, split);
                double after = mean(u, split, length);
                double[] r = new double[length];
                for (int t = 0; t < length; t++) {
                    r[t] = u[t] - (t < split ? before : after);
                }
                residuals.add(r);
            }
            return residuals;
        }

        /**
         * Step 0: the residuals' local scale at every turn, the root mean square over all units and the turns within
         * {@code max(3, ⌈T / 10⌉)} of it, kept at or above a tenth of the overall one (so that a stretch of equal
         * answers, all zeros, gets no infinite weight); 1 everywhere when the residuals are all zero.
         */
        private static double[] localScale(List<double[]> residuals) {
            int length = residuals.get(0).length;
            double[] squares = new double[length + 1];
            for (int t = 0; t < length; t++) {
                double s = 0;
                for (double[] r : residuals) {
                    s += r[t] * r[t];
                }
                squares[t + 1] = squares[t] + s;
            }
            double overall = Math.sqrt(squares[length] / ((double) length * residuals.size()));
            double[] scale = new double[length];
            int half = Math.max(3, (length + 9) / 10);
            for (int t = 0; t < length; t++) {
                int from = Math.max(0, t - half);
                int to = Math.min(length, t + half + 1);
                double local = Math.sqrt((squares[to] - squares[from]) / ((double) (to - from) * residuals.size()));
                scale[t] = overall == 0 ? 1.0 : Math.max(local, overall / 10) / overall;
            }
            return scale;
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
