package dev.longhaul.analysis.fidelity;

import java.util.Locale;

/**
 * A run's token fidelity as text, in the layout of {@code llama-perplexity --kl-divergence}'s statistics (its
 * {@code Mean KLD}, {@code 99.0% KLD} and {@code Same top p} lines), so the figures can be read side by side.
 */
public final class FidelityText {

    private FidelityText() {
    }

    /**
     * @param arm      the arm's label
     * @param baseline the baseline's label
     * @param s        the arm's summary
     * @return the lines, each ending with a line feed
     */
    public static String render(String arm, String baseline, FidelitySummary s) {
        FidelityStats st = s.stats();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Token fidelity of %s against %s (baseline's answers forced, top-%d, "
                + "%s%d turns, %d tokens):%n", arm, baseline, s.topK(), s.runs() > 1 ? s.runs() + " runs, " : "",
                s.turns(), st.positions()));
        String kldInterval = s.kldMean() == null ? s.tooFewTurns() : String.format(Locale.ROOT,
                "95%% over turns [%.6f, %.6f]", s.kldMeanInterval().low(), s.kldMeanInterval().high());
        String sameInterval = s.sameTopRate() == null ? "" : String.format(Locale.ROOT,
                "   95%% over turns [%.3f, %.3f] %%", 100 * s.sameTopRateInterval().low(),
                100 * s.sameTopRateInterval().high());
        b.append(String.format(Locale.ROOT, "  Mean    KLD: %10.6f ± %10.6f   %s%n", st.kldMean(), st.kldMeanSe(),
                kldInterval));
        b.append(String.format(Locale.ROOT, "  Maximum KLD: %10.6f%n", st.kldMax()));
        b.append(String.format(Locale.ROOT, "  99.0%%   KLD: %10.6f%n", st.kldP99()));
        b.append(String.format(Locale.ROOT, "  Median  KLD: %10.6f%n", st.kldMedian()));
        b.append(String.format(Locale.ROOT, "  Same top p: %6.3f ± %5.3f %%%s%n", 100 * st.sameTopRate(),
                100 * st.sameTopSe(), sameInterval));
        if (!Double.isNaN(st.deltaPMean())) {
            b.append(String.format(Locale.ROOT, "  Mean     Δp: %6.3f %%   RMS Δp: %6.3f %%%n", 100 * st.deltaPMean(),
                    100 * st.deltaPRms()));
        }
        if (s.greedyTurns() > 0) {
            b.append(String.format(Locale.ROOT, "  Greedy answers departed from the baseline's on %d of %d turns",
                    s.divergedTurns(), s.greedyTurns()));
            if (s.divergedTurns() > 0) {
                b.append(String.format(Locale.ROOT, " (median at token %s)", number(s.medianFirstDivergence())));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
