package dev.longhaul.analysis;

import static dev.longhaul.report.PythonFormat.alignLeft;
import static dev.longhaul.report.PythonFormat.alignRight;
import static dev.longhaul.report.PythonFormat.fixed;

/**
 * The human-readable comparison, line for line what the seed's {@code print_comparison} prints, with these
 * deviations: the thin separator lines, whose glyph the seed's source lost, are {@code ─} (U+2500) × 60, and when
 * either run has failed turns a {@code Failed Turns} row follows {@code Repetition Ratio}.
 */
public final class ComparisonText {

    private static final String HEAVY_RULE = "=".repeat(70);
    private static final String THIN_RULE = "\u2500".repeat(60);
    private static final int LABEL_WIDTH = 30;
    private static final int VALUE_WIDTH = 15;

    private ComparisonText() {
    }

    /**
     * @param comparison the comparison
     * @return the text, lines ending in {@code \n}, starting with an empty line and ending with one, as printed
     */
    public static String render(Comparison comparison) {
        Pair<String> labels = comparison.labels();
        Lines out = new Lines();
        out.add("");
        out.add(HEAVY_RULE);
        out.add("QUALITY COMPARISON: " + labels.a() + " vs " + labels.b());
        out.add(HEAVY_RULE);
        out.add(row("Metric", labels.a(), labels.b()));
        out.add(THIN_RULE);
        out.add(row("Avg Quality Score", decimal(comparison.avgQuality().a()), decimal(comparison.avgQuality().b())));
        out.add(row("Min Quality Score", decimal(comparison.minQuality().a()), decimal(comparison.minQuality().b())));
        out.add(row("Degradation Events", comparison.degradationEvents().a().toString(),
                comparison.degradationEvents().b().toString()));
        out.add(row("First Degradation Turn", turnOrNone(comparison.firstDegradation().a()),
                turnOrNone(comparison.firstDegradation().b())));
        out.add(row("Hallucinated References", countOrNone(comparison.hallucinatedRefs().a()),
                countOrNone(comparison.hallucinatedRefs().b())));
        out.add(row("Repetition Ratio", decimal(comparison.repetitionRatio().a()),
                decimal(comparison.repetitionRatio().b())));
        Pair<Integer> failed = comparison.failedTurns();
        if (failed.a() > 0 || failed.b() > 0) {
            out.add(row("Failed Turns", failed.a().toString(), failed.b().toString()));
        }
        out.add(THIN_RULE);
        out.add("Verdict: " + comparison.verdict());
        out.add(HEAVY_RULE + "\n");
        return out.toString();
    }

    private static String row(String label, String a, String b) {
        return alignLeft(label, LABEL_WIDTH) + " " + alignRight(a, VALUE_WIDTH) + " " + alignRight(b, VALUE_WIDTH);
    }

    /** A figure to 3 decimals, or the seed's {@code None} when the scorer has no such metric. */
    private static String decimal(Double value) {
        return value == null ? "None" : fixed(value, 3);
    }

    /** A count, or {@code None} (as {@link #decimal} writes it) when the scorer has no such metric. */
    private static String countOrNone(Long count) {
        return count == null ? "None" : count.toString();
    }

    /** The seed's {@code str(turn or 'none')}: no turn, or the falsy turn 0, reads "none". */
    private static String turnOrNone(Integer turn) {
        return turn == null || turn == 0 ? "none" : turn.toString();
    }
}
