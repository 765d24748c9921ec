package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Interval;

/**
 * A metric only the compared side carries — typically token-level fidelity against the baseline's answers, added per
 * turn in shared-history mode — as its mean over every (run, turn) with a bootstrap interval.
 *
 * @param metric           the metric's key in {@code turn_metrics}
 * @param mean             the mean over all observations
 * @param interval         the bootstrap interval of the mean
 * @param values           observations (runs × turns that carry it)
 * @param spread           P90 − P10 of the per-run means
 * @param noiseFloor       the same figure's interval for the baseline with other seeds, or null
 * @param withinNoiseFloor whether {@code mean} lies inside {@code noiseFloor}; null without a noise floor
 */
public record MetricEstimate(String metric, double mean, Interval interval, int values, double spread,
                             Interval noiseFloor, Boolean withinNoiseFloor) {

    /**
     * @param noise the same metric for the baseline with other seeds
     * @return this figure with the noise floor beside it
     */
    MetricEstimate withNoiseFloor(MetricEstimate noise) {
        Interval floor = noise.interval();
        return new MetricEstimate(metric, mean, interval, values, spread, floor,
                floor.defined() ? floor.contains(mean) : null);
    }
}
