package dev.longhaul.analysis.tradeoff;

import static dev.longhaul.analysis.tradeoff.TradeOffFormat.UNKNOWN;

import dev.longhaul.analysis.MetricDelta;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.VerdictKind;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line about a compared arm that a user pastes into a pull request, for example
 * {@code q8_0: KV −47 % (24.0 → 12.75 MiB), decode −3 %, mean KLD 0.0004, same top 99.9 %, quality: no difference
 * (shared history, 50 turns)}. An unmeasured figure reads {@code unknown}; an arm with turns past the model's trained
 * context says so at the end, since answers there are extrapolation.
 */
public final class PullRequestSentence {

    private PullRequestSentence() {
    }

    /**
     * @param row      a compared arm's row
     * @param baseline the baseline's figures
     * @return the sentence
     */
    public static String of(TradeOffRow row, ArmFigures baseline) {
        if (row.baseline()) {
            throw new IllegalArgumentException("the baseline '" + row.arm().label() + "' is not compared with itself");
        }
        ArmFigures arm = row.arm();
        List<String> parts = new ArrayList<>();
        if (arm.unanswered()) {
            return arm.label() + ": no answered turn (" + arm.failedTurns() + " failed): nothing to compare";
        }
        if (row.kvCacheChange() != null) {
            parts.add("KV " + TradeOffFormat.percent(row.kvCacheChange()) + " (" + TradeOffFormat.mib(
                    baseline.kvCache().mib()) + " \u2192 " + TradeOffFormat.mib(arm.kvCache().mib()) + " MiB)");
        } else {
            parts.add("KV " + (arm.kvCache() == null ? UNKNOWN : TradeOffFormat.mib(arm.kvCache().mib()) + " MiB"));
        }
        parts.add("decode " + (row.decodeChange() == null ? UNKNOWN : TradeOffFormat.percent(row.decodeChange())));
        FidelitySummary f = row.fidelity();
        if (f == null) {
            parts.add("no token fidelity");
        } else {
            parts.add("mean KLD " + TradeOffFormat.kld(f.stats().kldMean()));
            parts.add("same top " + TradeOffFormat.rate(f.stats().sameTopRate()));
        }
        RepeatedComparison c = row.comparison();
        MetricDelta q = row.quality();
        String turns = q.pairs() + (q.pairs() == 1 ? " turn" : " turns");
        String unit = c.runs() > 1 ? c.runs() + " runs, " + turns : turns;
        String sentence = arm.label() + ": " + String.join(", ", parts) + ", quality: " + quality(row, baseline.label())
                + " (" + c.design().displayName() + ", " + unit + ")";
        if (!arm.pastTrainedContextTurns().isEmpty()) {
            sentence += "; " + TurnRanges.of(arm.pastTrainedContextTurns()) + " past the model's trained context";
        }
        return sentence;
    }

    private static String quality(TradeOffRow row, String baseline) {
        VerdictKind kind = row.verdict().kind();
        String delta = TradeOffFormat.signed(row.quality().delta()) + " "
                + TradeOffFormat.signedInterval(row.quality().interval());
        return switch (kind) {
            case NO_DIFFERENCE -> "no difference";
            case BASELINE_BETTER -> "worse than " + baseline + " (" + delta + ")";
            case COMPARED_BETTER -> "better than " + baseline + " (" + delta + ")";
            case INCONCLUSIVE -> "inconclusive";
        };
    }
}
