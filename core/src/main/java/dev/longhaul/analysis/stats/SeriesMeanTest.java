package dev.longhaul.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The mean of one or more series of paired differences — in a shared-history A/B, one series of per-turn
 * differences per repeat — with an interval and test that hold their level when neighbouring values are correlated.
 *
 * <p>With {@code R} series of lengths {@code T_r} ({@code N = Σ T_r} values), means {@code m_r} and grand mean
 * {@code m}: the long-run variance {@code Ω} is estimated from two independent parts, the within-series part of
 * {@link LongRunVariance} (each series centred on its own mean) with {@code Σ ν_r} degrees of freedom and the
 * between-series part {@code Σ T_r (m_r − m)²} with {@code R − 1}:
 * {@code Ω̂ = (within + between) / (Σ ν_r + R − 1)}: under "no difference" both parts estimate the same {@code Ω},
 * and the between part also carries some of the variance repeats have when they differ in level (pooled with the
 * within part's many degrees of freedom, not all of it). Then {@code SE = √(Ω̂ / N)} and the interval and p-value come
 * from Student's t with {@code Σ ν_r + R − 2} degrees of freedom: one fewer than the parts, for the estimated lag-1
 * coefficient of the prewhitening.
 */
public final class SeriesMeanTest {

    /** The shortest series the test uses; shorter ones carry too little to estimate their dependence. */
    public static final int MIN_LENGTH = 10;

    private SeriesMeanTest() {
    }

    /**
     * @param series the series, each at least {@value #MIN_LENGTH} values long
     * @param level  the interval's confidence level (the test's is {@code 1 − level})
     * @return the mean difference over all values with its interval and p-value
     * @throws IllegalArgumentException when there is no series or one is shorter than {@value #MIN_LENGTH}
     */
    public static Inference of(List<double[]> series, double level) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("the mean test needs at least one series");
        }
        long n = 0;
        double total = 0;
        double[] means = new double[series.size()];
        for (int r = 0; r < means.length; r++) {
            double[] x = series.get(r);
            if (x.length < MIN_LENGTH) {
                throw new IllegalArgumentException("the mean test needs series of at least " + MIN_LENGTH
                        + " values, got " + x.length);
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            means[r] = sum / x.length;
            total += sum;
            n += x.length;
        }
        double mean = total / n;
        List<double[]> centred = new ArrayList<>(series.size());
        double between = 0;
        for (int r = 0; r < means.length; r++) {
            double[] x = series.get(r);
            double[] c = new double[x.length];
            for (int t = 0; t < x.length; t++) {
                c[t] = x[t] - means[r];
            }
            centred.add(c);
            between += x.length * (means[r] - mean) * (means[r] - mean);
        }
        LongRunVariance.Estimate within = LongRunVariance.of(centred);
        int parts = within.degreesOfFreedom() + means.length - 1;
        double omega = (within.sumOfSquares() + between) / parts;
        // one degree of freedom is spent on the prewhitening's estimated ρ: without it the test runs a little over
        // its level with one short, autocorrelated series (VerdictCalibrationTest)
        return Inference.studentT(mean, Math.sqrt(omega / n), parts - 1, level);
    }
}
