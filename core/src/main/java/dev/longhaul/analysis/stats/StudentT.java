package dev.longhaul.analysis.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/** Student's t distribution with real degrees of freedom, from Apache Commons Statistics. */
final class StudentT {

    private final TDistribution distribution;

    private StudentT(TDistribution distribution) {
        this.distribution = distribution;
    }

    static StudentT of(double degreesOfFreedom) {
        return new StudentT(TDistribution.of(degreesOfFreedom));
    }

    double quantile(double p) {
        return distribution.inverseCumulativeProbability(p);
    }

    /** {@code P(|T| ≥ |t|)}. */
    double twoSidedP(double t) {
        return Math.min(1.0, 2 * distribution.survivalProbability(Math.abs(t)));
    }
}
