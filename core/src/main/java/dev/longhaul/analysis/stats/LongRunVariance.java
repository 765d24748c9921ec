package dev.longhaul.analysis.stats;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-run variance {@code Ω = lim T·Var(mean)} of one or more stationary series that share one dependence
 * structure — e.g. the per-turn quality differences of the run pairs of an A/B, whose neighbouring turns are
 * correlated because they share a conversation. A plain variance would treat the turns as independent and make
 * intervals too narrow; this estimate keeps its level when turns are autocorrelated.
 *
 * <p>The estimator, exactly:
 * <ol>
 *   <li><b>AR(1) prewhitening</b> (Andrews and Monahan, 1992): the lag-1 coefficient {@code ρ} is pooled over the
 *       series, {@code ρ̂ = Σ r_t r_{t−1} / Σ r_{t−1}²} over the centred values {@code r}, corrected for its
 *       small-sample bias by Kendall's {@code ρ̂ + (1 + 3ρ̂) / T̄} ({@code T̄} the mean series length), and kept in
 *       [−0.9, 0.9]; each series becomes {@code e_t = r_t − ρ̂ r_{t−1}} ({@code T − 1} values).</li>
 *   <li><b>Equal-weighted cosine</b> estimate of the residuals' long-run variance (Lazarus, Lewis, Stock and Watson,
 *       2018): {@code ν} projections {@code Λ_j = √(2/n) Σ_t cos(π j (t − ½) / n) e_t}, {@code j = 1 … ν}, over the
 *       {@code n = T − 1} residuals; for Gaussian data each {@code Λ_j²} is an independent {@code Ω χ²₁}, so
 *       {@code Σ Λ_j² / ν} has {@code ν} degrees of freedom and a mean divided by its standard error follows
 *       Student's t with {@code ν} degrees of freedom.</li>
 *   <li>Recolouring: {@code Ω̂ = (Σ Λ_j²) / (ν (1 − ρ̂)²)}.</li>
 * </ol>
 * The bandwidth rule is {@code ν = min(40, max(2, ⌊0.6 T^{2/3}⌋))} cosines per series of {@code T} values (8 at 50
 * turns, 40 from 545 on): Lazarus et al.'s {@code 0.4 T^{2/3}} for unprewhitened data, widened because prewhitening
 * removes most of the bias a wider band would add, and capped where Student's t is as good as normal. The
 * calibration test ({@code VerdictCalibrationTest}) shows the level this holds.
 */
public final class LongRunVariance {

    /** The smallest series the estimate accepts: fewer values give no usable degrees of freedom. */
    public static final int MIN_LENGTH = 4;

    /** The most cosine projections taken from one series. */
    public static final int MAX_COSINES = 40;

    private static final double RHO_LIMIT = 0.9;
    private static final Map<Integer, double[][]> COSINES = new ConcurrentHashMap<>();

    /**
     * The estimate's parts, so that callers can add further variance components with their own degrees of freedom.
     *
     * @param sumOfSquares     {@code Σ Λ_j² / (1 − ρ̂)²} over every series: {@code Ω × χ²} with
     *                         {@code degreesOfFreedom}
     * @param degreesOfFreedom the number of cosine projections, {@code Σ ν} over the series
     * @param rho              the bias-corrected, pooled lag-1 coefficient
     */
    public record Estimate(double sumOfSquares, int degreesOfFreedom, double rho) {

        /** @return {@code Ω̂ = sumOfSquares / degreesOfFreedom} */
        public double omega() {
            return sumOfSquares / degreesOfFreedom;
        }
    }

    private LongRunVariance() {
    }

    /**
     * @param length a series length, at least {@value #MIN_LENGTH}
     * @return the number of cosine projections the estimate takes from a series of that length
     */
    public static int cosines(int length) {
        return Math.min(MAX_COSINES, Math.max(2, (int) Math.floor(0.6 * Math.pow(length, 2.0 / 3.0))));
    }

    /**
     * @param centred series whose expected value is zero — each centred on its own mean, or on the means of
     *                the segments a change-point fit chose — each at least {@value #MIN_LENGTH} long
     * @return the estimate
     * @throws IllegalArgumentException when there is no series or one is too short
     */
    public static Estimate of(List<double[]> centred) {
        if (centred.isEmpty()) {
            throw new IllegalArgumentException("a long-run variance needs at least one series");
        }
        double lagged = 0;
        double squares = 0;
        long values = 0;
        for (double[] r : centred) {
            if (r.length < MIN_LENGTH) {
                throw new IllegalArgumentException("a long-run variance needs series of at least " + MIN_LENGTH
                        + " values, got " + r.length);
            }
            for (int t = 1; t < r.length; t++) {
                lagged += r[t] * r[t - 1];
                squares += r[t - 1] * r[t - 1];
            }
            values += r.length;
        }
        double meanLength = (double) values / centred.size();
        double raw = squares > 0 ? lagged / squares : 0.0;
        double rho = Math.max(-RHO_LIMIT, Math.min(RHO_LIMIT, raw + (1 + 3 * raw) / meanLength));

        double sum = 0;
        int df = 0;
        for (double[] r : centred) {
            int n = r.length - 1;
            double[][] basis = basis(n);
            for (int j = 0; j < basis.length; j++) {
                double projection = 0;
                double[] c = basis[j];
                for (int t = 0; t < n; t++) {
                    projection += c[t] * (r[t + 1] - rho * r[t]);
                }
                sum += projection * projection;
            }
            df += basis.length;
        }
        double recolour = (1 - rho) * (1 - rho);
        return new Estimate(sum / recolour, df, rho);
    }

    /**
     * {@code √(2/n) cos(π j (t + ½) / n)} for {@code j = 1 … ν} and {@code t = 0 … n − 1}, where {@code n} residuals
     * come from a series of {@code n + 1} values and {@code ν = cosines(n + 1)}; cached per length.
     */
    private static double[][] basis(int n) {
        return COSINES.computeIfAbsent(n, length -> {
            double[][] b = new double[cosines(length + 1)][length];
            double scale = Math.sqrt(2.0 / length);
            for (int j = 0; j < b.length; j++) {
                for (int t = 0; t < length; t++) {
                    b[j][t] = scale * Math.cos(Math.PI * (j + 1) * (t + 0.5) / length);
                }
            }
            return b;
        });
    }
}
