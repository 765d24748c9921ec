package dev.longhaul.analysis.tradeoff;

import dev.longhaul.analysis.MetricDelta;
import dev.longhaul.analysis.VerdictKind;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The limits a pipeline sets on every compared arm of an A/B ({@code --fail-on-regression}, {@code --max-kld},
 * {@code --min-same-top}, {@code --max-quality-drop}), checked against the {@link TradeOffSummary}: each figure as
 * the summary has it (the comparison's verdict, the pooled mean KLD and same-top rate, the quality difference's
 * estimate), never recomputed.
 *
 * <p>A gate is <em>breached</em> when an arm's figure is past its limit. It is <em>inconclusive</em> when the figure
 * it needs is missing: {@code --fail-on-regression} on an inconclusive verdict, {@code --max-quality-drop} without a
 * test of the quality difference, {@code --max-kld} and {@code --min-same-top} without token fidelity.
 *
 * @param failOnRegression whether a {@code baseline_better} verdict breaches
 * @param maxKld           the largest mean KLD allowed, or null for no limit
 * @param minSameTop       the smallest same-top rate allowed, in [0, 1], or null
 * @param maxQualityDrop   the largest fall of the mean quality score allowed (baseline minus arm), or null
 */
public record Gates(boolean failOnRegression, Double maxKld, Double minSameTop, Double maxQualityDrop) {

    /** No gate at all. */
    public static final Gates NONE = new Gates(false, null, null, null);

    /**
     * Rejects limits out of their range, naming the option.
     *
     * @param failOnRegression whether a {@code baseline_better} verdict breaches
     * @param maxKld           the largest mean KLD allowed (at least 0), or null
     * @param minSameTop       the smallest same-top rate allowed, in [0, 1], or null
     * @param maxQualityDrop   the largest fall of the mean quality score allowed (at least 0), or null
     */
    public Gates {
        if (maxKld != null && !(maxKld >= 0 && maxKld < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--max-kld " + maxKld + " must be a number of at least 0");
        }
        if (minSameTop != null && !(minSameTop >= 0 && minSameTop <= 1)) {
            throw new IllegalArgumentException("--min-same-top " + minSameTop + " is out of range [0, 1] (a rate: "
                    + "0.99 for 99 %)");
        }
        if (maxQualityDrop != null && !(maxQualityDrop >= 0 && maxQualityDrop <= 1)) {
            throw new IllegalArgumentException("--max-quality-drop " + maxQualityDrop + " is out of range [0, 1] "
                    + "(quality scores lie in [0, 1])");
        }
    }

    /** @return whether any gate is set */
    public boolean any() {
        return failOnRegression || maxKld != null || minSameTop != null || maxQualityDrop != null;
    }

    /**
     * What the gates say of every compared arm.
     *
     * @param breaches     one line per arm and gate past its limit
     * @param inconclusive one line per arm and gate whose figure is missing
     */
    public record Outcome(List<String> breaches, List<String> inconclusive) {

        /**
         * Copies the lists.
         *
         * @param breaches     one line per breach
         * @param inconclusive one line per gate that could not be checked
         */
        public Outcome {
            breaches = List.copyOf(breaches);
            inconclusive = List.copyOf(inconclusive);
        }
    }

    /**
     * @param summary the summary of an A/B
     * @return the breaches and the gates that could not be checked, arm by arm in arm order
     */
    public Outcome check(TradeOffSummary summary) {
        List<String> breaches = new ArrayList<>();
        List<String> inconclusive = new ArrayList<>();
        for (TradeOffRow row : summary.compared()) {
            String arm = row.arm().label();
            VerdictKind kind = row.verdict().kind();
            if (failOnRegression && kind == VerdictKind.BASELINE_BETTER) {
                breaches.add(arm + ": --fail-on-regression: verdict baseline_better: " + row.verdict().text());
            } else if (failOnRegression && kind == VerdictKind.INCONCLUSIVE) {
                inconclusive.add(arm + ": --fail-on-regression: the verdict is inconclusive: " + row.verdict().text());
            }
            FidelitySummary f = row.fidelity();
            if (maxKld != null && f == null) {
                inconclusive.add(arm + ": --max-kld: no token fidelity was measured");
            } else if (maxKld != null && f.stats().kldMean() > maxKld) {
                breaches.add(arm + ": --max-kld: mean KLD " + TradeOffFormat.kld(f.stats().kldMean()) + " "
                        + TradeOffFormat.kldInterval(f.kldMeanInterval()) + " is above " + plain(maxKld));
            }
            if (minSameTop != null && f == null) {
                inconclusive.add(arm + ": --min-same-top: no token fidelity was measured");
            } else if (minSameTop != null && f.stats().sameTopRate() < minSameTop) {
                breaches.add(arm + ": --min-same-top: same top " + TradeOffFormat.rate(f.stats().sameTopRate())
                        + " is below " + TradeOffFormat.rate(minSameTop));
            }
            MetricDelta q = row.quality();
            if (maxQualityDrop != null && q.pairs() > 0 && -q.delta() > maxQualityDrop) {
                breaches.add(arm + ": --max-quality-drop: quality fell by " + plain(-q.delta()) + " "
                        + TradeOffFormat.signedInterval(q.interval()) + ", more than " + plain(maxQualityDrop));
            } else if (maxQualityDrop != null && q.inference() == null) {
                inconclusive.add(arm + ": --max-quality-drop: the quality difference could not be tested ("
                        + q.pairs() + " paired turns): " + row.verdict().text());
            }
        }
        return new Outcome(breaches, inconclusive);
    }

    private static String plain(double x) {
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
