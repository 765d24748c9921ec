package dev.longhaul.analysis.stats;

/**
 * A closed interval {@code [low, high]}, e.g. a 95% confidence interval. NaN bounds mean it could not be computed
 * (no data).
 *
 * @param low  the lower bound
 * @param high the upper bound
 */
public record Interval(double low, double high) {

    /** An interval of no data. */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    /**
     * @param x a value
     * @return whether {@code low <= x <= high} (false for an undefined interval)
     */
    public boolean contains(double x) {
        return low <= x && x <= high;
    }

    /** @return whether both bounds are numbers */
    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
