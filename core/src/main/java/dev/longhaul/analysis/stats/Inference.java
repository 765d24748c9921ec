package dev.longhaul.analysis.stats;

/**
 * An estimated difference with its confidence interval and the two-sided test of "no difference", from Student's t
 * with {@code degreesOfFreedom}.
 *
 * @param estimate         the estimated difference (e.g. mean quality of B minus mean quality of A)
 * @param standardError    its standard error
 * @param degreesOfFreedom the t distribution's degrees of freedom
 * @param level            the interval's confidence level, e.g. 0.96
 * @param interval         {@code estimate ± t_{df, (1 + level) / 2} × standardError}
 * @param pValue           the two-sided p-value of "the true difference is zero"
 */
public record Inference(double estimate, double standardError, double degreesOfFreedom, double level,
                        Interval interval, double pValue) {

    /**
     * @param estimate         the estimated difference
     * @param standardError    its standard error, not negative
     * @param degreesOfFreedom positive degrees of freedom
     * @param level            the confidence level, in (0, 1)
     * @return the interval and p-value from Student's t; a zero standard error gives the point as interval and
     *         p = 1 for a zero estimate, 0 otherwise
     */
    public static Inference studentT(double estimate, double standardError, double degreesOfFreedom, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level " + level + " is out of range (0, 1)");
        }
        if (!(degreesOfFreedom > 0)) {
            throw new IllegalArgumentException("degrees of freedom " + degreesOfFreedom + " must be positive");
        }
        if (standardError == 0) {
            return new Inference(estimate, 0, degreesOfFreedom, level, new Interval(estimate, estimate),
                    estimate == 0 ? 1.0 : 0.0);
        }
        StudentT t = StudentT.of(degreesOfFreedom);
        double half = t.quantile(0.5 + level / 2) * standardError;
        return new Inference(estimate, standardError, degreesOfFreedom, level,
                new Interval(estimate - half, estimate + half), t.twoSidedP(estimate / standardError));
    }

    /**
     * @param low  the least value the estimated quantity can take
     * @param high the greatest
     * @return this inference with its interval kept within {@code [low, high]}
     */
    public Inference clippedTo(double low, double high) {
        return new Inference(estimate, standardError, degreesOfFreedom, level,
                new Interval(Math.max(low, interval.low()), Math.min(high, interval.high())), pValue);
    }

    /**
     * @param alpha a test level
     * @return whether the p-value is at most {@code alpha}
     */
    public boolean significantAt(double alpha) {
        return pValue <= alpha;
    }
}
