package dev.longhaul.analysis.tradeoff;

import static dev.longhaul.analysis.tradeoff.TradeOffFormat.UNKNOWN;

import dev.longhaul.analysis.MetricDelta;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary's two tables as text cells, for every renderer (text, Markdown, HTML) to lay out alike: the trade-off
 * ({@link #HEADER}: one row per arm, the baseline first) and the measurements behind it ({@link #DETAIL_HEADER}:
 * speeds as median [P10–P90] over turns, time to first token, tokens generated, wall time, KV bytes per cell).
 * Figures that were not measured read {@code unknown}; those that do not apply (the baseline's KLD) read {@code —}.
 */
public final class TradeOffTable {

    /** The trade-off table's column headings. */
    public static final List<String> HEADER = List.of("arm", "KV MiB (\u0394 %)", "decode tok/s (\u0394 %)",
            "prefill tok/s (\u0394 %)", "mean KLD [95 %]", "same top [95 %]", "quality \u0394 [interval]", "verdict");

    /** The measurement table's column headings. */
    public static final List<String> DETAIL_HEADER = List.of("arm", "KV bytes/cell", "% of baseline",
            "decode tok/s [P10\u2013P90]", "prefill tok/s [P10\u2013P90]", "TTFT s [P10\u2013P90]", "tokens",
            "wall s", "turns answered/failed");

    private static final String NONE = "\u2014";

    private TradeOffTable() {
    }

    /**
     * @param summary the summary
     * @return one row of cells per arm, aligned with {@link #HEADER}
     */
    public static List<List<String>> rows(TradeOffSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        for (TradeOffRow row : summary.rows()) {
            ArmFigures arm = row.arm();
            List<String> cells = new ArrayList<>();
            cells.add(arm.label());
            cells.add(arm.kvCache() == null ? UNKNOWN : withChange(TradeOffFormat.mib(arm.kvCache().mib()),
                    row.baseline() ? null : row.kvCacheChange()));
            cells.add(arm.decode() == null ? UNKNOWN : withChange(TradeOffFormat.speed(arm.decode().median()),
                    row.baseline() ? null : row.decodeChange()));
            cells.add(arm.prefill() == null ? UNKNOWN : withChange(TradeOffFormat.speed(arm.prefill().median()),
                    row.baseline() ? null : row.prefillChange()));
            FidelitySummary f = row.fidelity();
            if (row.baseline()) {
                cells.addAll(List.of(NONE, NONE, NONE, "baseline"));
            } else {
                cells.add(f == null ? UNKNOWN : TradeOffFormat.kld(f.stats().kldMean()) + " "
                        + TradeOffFormat.kldInterval(f.kldMeanInterval()));
                cells.add(f == null ? UNKNOWN : TradeOffFormat.rate(f.stats().sameTopRate()) + " "
                        + TradeOffFormat.rateInterval(f.sameTopRateInterval()));
                MetricDelta q = row.quality();
                cells.add(q.pairs() == 0 ? UNKNOWN
                        : TradeOffFormat.signed(q.delta()) + " " + TradeOffFormat.signedInterval(q.interval()));
                cells.add(row.verdict().kind().jsonName());
            }
            rows.add(List.copyOf(cells));
        }
        return List.copyOf(rows);
    }

    /**
     * @param summary the summary
     * @return one row of cells per arm, aligned with {@link #DETAIL_HEADER}
     */
    public static List<List<String>> detailRows(TradeOffSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        for (TradeOffRow row : summary.rows()) {
            ArmFigures arm = row.arm();
            KvCacheMemory kv = arm.kvCache();
            rows.add(List.of(arm.label(),
                    kv == null || kv.cells() == null ? UNKNOWN : String.format(Locale.ROOT, "%.0f", kv.bytesPerCell()),
                    row.kvCachePercentOfBaseline() == null ? UNKNOWN
                            : String.format(Locale.ROOT, "%.1f %%", row.kvCachePercentOfBaseline()),
                    spread(arm.decode(), 1), spread(arm.prefill(), 1), spread(arm.timeToFirstToken(), 3),
                    String.valueOf(arm.tokensGenerated()), String.format(Locale.ROOT, "%.1f", arm.wallSeconds()),
                    arm.answeredTurns() + "/" + arm.failedTurns()));
        }
        return List.copyOf(rows);
    }

    private static String withChange(String value, Double change) {
        return change == null ? value : value + " (" + TradeOffFormat.percent(change) + ")";
    }

    private static String spread(TurnSpread s, int decimals) {
        if (s == null) {
            return UNKNOWN;
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " [" + f + "\u2013" + f + "]", s.median(), s.p10(), s.p90());
    }
}
