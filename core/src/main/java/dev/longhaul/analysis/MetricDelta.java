package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Interval;

/**
 * How one metric differs between two sides of paired runs: the mean of the paired differences {@code b - a} over
 * every (run pair, turn) both answered, its bootstrap interval, the sign-flip test's p-value, and each side's spread
 * between runs.
 *
 * @param metric           the metric's key in {@code turn_metrics}
 * @param means            each side's mean over the paired turns
 * @param delta            the mean paired difference {@code b - a}
 * @param interval         the bootstrap interval of {@code delta}
 * @param pValue           the paired sign-flip test's two-sided p-value
 * @param pairs            paired (run, turn) observations
 * @param spread           each side's P90 − P10 of its per-run means
 * @param noiseFloor       the same figure's interval between the baseline and itself with other seeds, or null
 * @param withinNoiseFloor whether {@code delta} lies inside {@code noiseFloor}; null without a noise floor
 */
public record MetricDelta(String metric, Pair<Double> means, double delta, Interval interval, double pValue, int pairs,
                          Pair<Double> spread, Interval noiseFloor, Boolean withinNoiseFloor) {

    /** @return whether the interval excludes zero (false when there were no pairs) */
    public boolean significant() {
        return interval.defined() && !interval.contains(0.0);
    }

    /**
     * @param noise the same metric between the baseline and itself with other seeds
     * @return this figure with the noise floor beside it
     */
    MetricDelta withNoiseFloor(MetricDelta noise) {
        Interval floor = noise.interval();
        return new MetricDelta(metric, means, delta, interval, pValue, pairs, spread, floor,
                floor.defined() ? floor.contains(delta) : null);
    }
}
