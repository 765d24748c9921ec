package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Interval;

/**
 * How one metric differs between the two sides of a comparison.
 *
 * <p>{@code quality_score} is the primary endpoint: its test (at the mean test's level) decides the verdict. Every
 * other metric is secondary: its p-value is Holm-adjusted over the secondary metrics, and it is "significant" when
 * the adjusted p-value is at most the verdict's level; it never changes the verdict.
 *
 * @param metric      the metric's key in {@code turn_metrics}
 * @param primary     whether it is the primary endpoint ({@code quality_score})
 * @param means       each side's mean over the paired turns
 * @param delta       the estimated difference {@code b − a}: the test's estimate, or, without a test, the mean paired
 *                    difference over every (run pair, turn)
 * @param pairs       paired (run pair, turn) observations
 * @param spread      each side's P90 − P10 of its per-run means
 * @param inference   the design's test of "no difference" (interval, p-value); null when the design or the data
 *                    cannot test it
 * @param pValueHolm  the Holm-adjusted p-value of a secondary metric; NaN for the primary one or without a test
 * @param significant the primary's p-value at most the mean test's level, or a secondary's adjusted one at most the
 *                    verdict's level
 */
public record MetricDelta(String metric, boolean primary, Pair<Double> means, double delta, int pairs,
                          Pair<Double> spread, Inference inference, double pValueHolm, boolean significant) {

    /** @return the interval of the difference; {@link Interval#UNDEFINED} without a test */
    public Interval interval() {
        return inference == null ? Interval.UNDEFINED : inference.interval();
    }

    /** @return the unadjusted two-sided p-value; NaN without a test */
    public double pValue() {
        return inference == null ? Double.NaN : inference.pValue();
    }
}
