package dev.longhaul.analysis.tradeoff;

import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.MetricDelta;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.VerdictLine;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trade-off of an A/B on one page: one row per arm, the baseline first — KV cache memory, decode and prefill speed
 * with their change against the baseline, then each compared arm's mean KLD and same-top rate with their intervals,
 * its quality difference with its interval and its verdict — and for each compared arm the sentence a user pastes
 * into a pull request ({@link PullRequestSentence}). It is the first thing every output of {@code ab} and
 * {@code compare} shows ({@code summary} in {@code comparison.json}).
 *
 * <p>Nothing is computed here that the comparison already has: fidelity is the comparison's pooled
 * {@link FidelitySummary}, the quality delta and interval its {@link MetricDelta}, the verdict its verdict. The memory
 * and speed figures are measured ({@link ArmFigures}); what is not measured stays unknown.
 *
 * @param baseline the baseline's label
 * @param design   how the arms were played
 * @param rows     one per arm, the baseline first, in arm order
 */
public record TradeOffSummary(String baseline, Design design, List<TradeOffRow> rows) {

    /**
     * Copies the rows.
     *
     * @param baseline the baseline's label
     * @param design   how the arms were played
     * @param rows     one per arm, the baseline first
     */
    public TradeOffSummary {
        rows = List.copyOf(rows);
    }

    /**
     * @param arms        every arm's figures, the baseline first
     * @param comparisons the comparison of each later arm with the baseline, in arm order (comparison i is of arm
     *                    i + 1, whatever labels its reports carry)
     * @return the summary
     * @throws IllegalArgumentException when there is not one comparison per compared arm
     */
    public static TradeOffSummary of(List<ArmFigures> arms, List<RepeatedComparison> comparisons) {
        if (arms.isEmpty() || comparisons.size() != arms.size() - 1) {
            throw new IllegalArgumentException("a summary needs one comparison per arm after the baseline: "
                    + arms.size() + " arms, " + comparisons.size() + " comparisons");
        }
        ArmFigures base = arms.get(0);
        List<TradeOffRow> rows = new ArrayList<>();
        rows.add(new TradeOffRow(base, base.kvCache() == null ? null : 0.0, base.decode() == null ? null : 0.0,
                base.prefill() == null ? null : 0.0, null));
        for (int i = 1; i < arms.size(); i++) {
            ArmFigures arm = arms.get(i);
            RepeatedComparison c = comparisons.get(i - 1);
            rows.add(new TradeOffRow(arm,
                    base.kvCache() == null || arm.kvCache() == null ? null
                            : change(arm.kvCache().mib(), base.kvCache().mib()),
                    base.decode() == null || arm.decode() == null ? null
                            : change(arm.decode().median(), base.decode().median()),
                    base.prefill() == null || arm.prefill() == null ? null
                            : change(arm.prefill().median(), base.prefill().median()),
                    c));
        }
        Design design = comparisons.isEmpty() ? Design.SHARED_HISTORY : comparisons.get(0).design();
        return new TradeOffSummary(base.label(), design, rows);
    }

    /**
     * The arms' figures from their reports, then {@link #of(List, List)}.
     *
     * @param reports     each arm's runs, the baseline first, keyed by label in arm order (an ordered map: its
     *                    iteration order is the arm order)
     * @param comparisons the comparison of each later arm with the baseline, in arm order
     * @return the summary
     * @throws IllegalArgumentException when there is not one comparison per compared arm
     */
    public static TradeOffSummary ofReports(Map<String, List<SessionReport>> reports,
                                            List<RepeatedComparison> comparisons) {
        List<ArmFigures> arms = new ArrayList<>();
        reports.forEach((label, runs) -> arms.add(ArmFigures.of(label, runs)));
        return of(arms, comparisons);
    }

    /**
     * One run per arm, each compared with the first by {@link RepeatedComparison#of(List, List)} in the design its
     * reports say they were played with: what {@code longhaul report} shows for saved reports.
     *
     * @param labels the arms' labels, the baseline first
     * @param runs   one report per arm, in the same order
     * @return the summary
     * @throws IllegalArgumentException when there are not as many labels as runs
     */
    public static TradeOffSummary ofSingleRuns(List<String> labels, List<SessionReport> runs) {
        if (labels.size() != runs.size() || runs.isEmpty()) {
            throw new IllegalArgumentException("one label per run needed: " + labels.size() + " labels, " + runs.size()
                    + " runs");
        }
        List<ArmFigures> arms = new ArrayList<>();
        List<RepeatedComparison> comparisons = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            arms.add(ArmFigures.of(labels.get(i), List.of(runs.get(i))));
            if (i > 0) {
                comparisons.add(RepeatedComparison.of(List.of(runs.get(0)), List.of(runs.get(i))));
            }
        }
        return of(arms, comparisons);
    }

    private static double change(double value, double baseline) {
        return (value / baseline - 1) * 100;
    }

    /** @return the rows of the compared arms (all but the baseline's) */
    public List<TradeOffRow> compared() {
        return rows.subList(1, rows.size());
    }

    /** @return the pull-request sentence of every compared arm, in arm order */
    public List<String> sentences() {
        return compared().stream().map(r -> PullRequestSentence.of(r, rows.get(0).arm())).toList();
    }

    /** @return the labels of the arms none of whose runs has a scored turn, in arm order */
    public List<String> unansweredArms() {
        return rows.stream().filter(r -> r.arm().unanswered()).map(r -> r.arm().label()).toList();
    }

    /**
     * {@code comparison.json}'s {@code summary}: {@code baseline}, {@code design}, then {@code arms}, one object per
     * arm (keys in docs/schema/comparison.schema.json); unknown figures are null.
     *
     * @return the summary as plain values for {@link dev.longhaul.report.PythonJsonWriter}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("baseline", baseline);
        node.put("design", design.jsonName());
        node.put("arms", rows.stream().map(r -> row(r, rows.get(0).arm())).toList());
        return node;
    }

    private static Map<String, Object> row(TradeOffRow row, ArmFigures base) {
        ArmFigures arm = row.arm();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("arm", arm.label());
        node.put("baseline", row.baseline());
        node.put("runs", arm.runs());
        node.put("answered_turns", arm.answeredTurns());
        node.put("failed_turns", arm.failedTurns());
        node.put("kv_cache", kvCache(arm.kvCache(), row));
        node.put("decode_tokens_per_s", spread(arm.decode(), arm.decodeSource(), row.decodeChange()));
        node.put("prefill_tokens_per_s", spread(arm.prefill(), arm.prefillSource(), row.prefillChange()));
        node.put("ttft_s", spread(arm.timeToFirstToken(), null, null));
        node.put("tokens_generated", arm.tokensGenerated());
        node.put("wall_time_s", arm.wallSeconds());
        node.put("context_train", arm.trainedContext());
        node.put("past_trained_context_turns", arm.pastTrainedContextTurns());
        if (arm.serverCommand() != null) {
            node.put("server_command", arm.serverCommand());
        }
        if (!row.baseline()) {
            FidelitySummary f = row.fidelity();
            node.put("kld_mean", f == null ? null : f.stats().kldMean());
            node.put("kld_mean_ci95", f == null ? null : interval(f.kldMeanInterval()));
            node.put("same_top_rate", f == null ? null : f.stats().sameTopRate());
            node.put("same_top_ci95", f == null ? null : interval(f.sameTopRateInterval()));
            MetricDelta q = row.quality();
            node.put("quality_delta", number(q.delta()));
            node.put(VerdictLine.QUALITY_DELTA_INTERVAL.key(), interval(q.interval()));
            node.put(VerdictLine.QUALITY_INTERVAL_LEVEL.key(), q.inference() == null ? null : q.inference().level());
            node.put("quality_pairs", q.pairs());
            node.put("verdict_kind", row.verdict().kind().jsonName());
            node.put(VerdictLine.VERDICT.key(), row.verdict().text());
            node.put("sentence", PullRequestSentence.of(row, base));
        }
        return node;
    }

    private static Map<String, Object> kvCache(KvCacheMemory kv, TradeOffRow row) {
        if (kv == null) {
            return null;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("mib", kv.mib());
        node.put("cells", kv.cells());
        node.put("bytes_per_cell", number(kv.bytesPerCell()));
        node.put("percent_of_baseline", row.kvCachePercentOfBaseline());
        node.put("change_percent", row.kvCacheChange());
        node.put("source", kv.source());
        return node;
    }

    private static Map<String, Object> spread(TurnSpread s, String source, Double change) {
        if (s == null) {
            return null;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("median", s.median());
        node.put("p10", s.p10());
        node.put("p90", s.p90());
        node.put("turns", s.turns());
        if (source != null) {
            node.put("source", source);
            node.put("change_percent", change);
        }
        return node;
    }

    private static List<Object> interval(Interval interval) {
        return interval.defined() ? Arrays.asList(interval.low(), interval.high()) : null;
    }

    private static Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
