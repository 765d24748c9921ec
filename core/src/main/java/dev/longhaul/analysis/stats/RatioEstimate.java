package dev.longhaul.analysis.stats;

/**
 * A ratio of sums over units — e.g. mean KLD over all forced positions of a run, {@code Σ_t K_t / Σ_t n_t} with
 * {@code K_t} the summed KLD and {@code n_t} the positions of turn {@code t} — with a t-interval that treats the
 * units (turns), not the positions inside them, as independent.
 *
 * <p>With {@code T} units, {@code r = ΣK / Σn}, residuals {@code e_t = K_t − r n_t} and {@code n̄ = Σn / T}: the
 * linearised (delta-method) standard error {@code SE = √(Σ e_t² / (T (T − 1))) / n̄}, and Student's t with
 * {@code T − 1} degrees of freedom: {@code r ± t SE} ({@link #of}), or for a ratio of positive, right-skewed sums such
 * as KLD the same interval on the log scale, {@code r · exp(± t SE / r)} ({@link #ofPositive}), which holds its
 * level better when a few turns diverge far more than the rest. Positions of one answer depend on each other (an
 * early change moves everything after it); turns are the smallest units that do not.
 */
public final class RatioEstimate {

    /** The fewest units an interval is given for; below, coverage is far from its level. */
    public static final int MIN_UNITS = 10;

    private RatioEstimate() {
    }

    /**
     * @param numerators   each unit's sum ({@code K_t})
     * @param denominators each unit's count ({@code n_t}), positive
     * @param level        the interval's confidence level
     * @return the ratio with its interval and the p-value of "the ratio is zero"
     * @throws IllegalArgumentException with fewer than {@value #MIN_UNITS} units or arrays of different lengths
     */
    public static Inference of(double[] numerators, double[] denominators, double level) {
        return linear(numerators, denominators, level);
    }

    /**
     * @param numerators   each unit's sum ({@code K_t}), not negative
     * @param denominators each unit's count ({@code n_t}), positive
     * @param level        the interval's confidence level
     * @return the ratio with the log-scale interval (the point {@code [0, 0]} when every sum is 0) and the p-value of
     *         "the ratio is zero"
     * @throws IllegalArgumentException with fewer than {@value #MIN_UNITS} units or arrays of different lengths
     */
    public static Inference ofPositive(double[] numerators, double[] denominators, double level) {
        Inference linear = linear(numerators, denominators, level);
        double r = linear.estimate();
        if (!(r > 0)) {
            return linear;
        }
        double half = (linear.interval().high() - r) / r;
        return new Inference(r, linear.standardError(), linear.degreesOfFreedom(), level,
                new Interval(r * Math.exp(-half), r * Math.exp(half)), linear.pValue());
    }

    private static Inference linear(double[] numerators, double[] denominators, double level) {
        int t = numerators.length;
        if (denominators.length != t) {
            throw new IllegalArgumentException("a ratio needs one count per sum, got " + t + " sums and "
                    + denominators.length + " counts");
        }
        if (t < MIN_UNITS) {
            throw new IllegalArgumentException("a ratio interval needs at least " + MIN_UNITS + " units, got " + t);
        }
        double sumK = 0;
        double sumN = 0;
        for (int i = 0; i < t; i++) {
            sumK += numerators[i];
            sumN += denominators[i];
        }
        double r = sumK / sumN;
        double squares = 0;
        for (int i = 0; i < t; i++) {
            double e = numerators[i] - r * denominators[i];
            squares += e * e;
        }
        double meanN = sumN / t;
        double se = Math.sqrt(squares / ((double) t * (t - 1))) / meanN;
        return Inference.studentT(r, se, t - 1, level);
    }
}
