package dev.longhaul.analysis.tradeoff;

import dev.longhaul.analysis.MetricDelta;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.Verdict;
import dev.longhaul.analysis.fidelity.FidelitySummary;

/**
 * One arm's line of the {@link TradeOffSummary}: what it costs against the baseline. The fidelity, the quality
 * difference and the verdict are those of its {@link RepeatedComparison} with the baseline, taken as they are.
 *
 * @param arm                  the arm's measured figures
 * @param kvCacheChange        the change of its KV cache memory against the baseline's in percent; null when either
 *                             is unknown (and for the baseline itself, 0)
 * @param decodeChange         the change of its median decode speed in percent; null when either is unknown
 * @param prefillChange        the change of its median prefill speed in percent; null when either is unknown
 * @param comparison           its comparison with the baseline; null for the baseline's own row
 */
public record TradeOffRow(ArmFigures arm, Double kvCacheChange, Double decodeChange, Double prefillChange,
                          RepeatedComparison comparison) {

    /** @return whether this is the baseline's row */
    public boolean baseline() {
        return comparison == null;
    }

    /** @return the arm's token fidelity against the baseline (pooled over its runs); null for none */
    public FidelitySummary fidelity() {
        return comparison == null ? null : comparison.fidelity();
    }

    /** @return the difference in {@code quality_score} from the baseline with its interval; null for the baseline */
    public MetricDelta quality() {
        return comparison == null ? null : comparison.quality();
    }

    /** @return the verdict of the comparison; null for the baseline */
    public Verdict verdict() {
        return comparison == null ? null : comparison.verdict();
    }

    /** @return the KV cache memory as a percentage of the baseline's; null when either is unknown */
    public Double kvCachePercentOfBaseline() {
        return kvCacheChange == null ? null : 100 + kvCacheChange;
    }
}
