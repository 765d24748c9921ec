package dev.longhaul.analysis.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityTextTest {

    @Test
    void llamaPerplexitysLinesWithTheIntervalsOverTurns() {
        FidelityStats stats = FidelityStats.of(new double[] {0.3, 0.0, 1.0, 0.1, 0.2}, 4, new double[] {0.1, -0.3});
        FidelitySummary s = new FidelitySummary(1, 12, 100, stats,
                new Inference(0.32, 0.1, 11, 0.95, new Interval(0.05, 0.5), 0.01),
                new Inference(0.8, 0.1, 11, 0.95, new Interval(2.0 / 3, 1.0), 0.0), 2, 1, 7.0, List.of());
        String n = System.lineSeparator();
        assertEquals("Token fidelity of q4_0 against f16 (baseline's answers forced, top-100, 12 turns, 5 tokens):" + n
                + "  Mean    KLD:   0.320000 ±   0.177200   95% over turns [0.050000, 0.500000]" + n
                + "  Maximum KLD:   1.000000" + n
                + "  99.0%   KLD:   0.972000" + n
                + "  Median  KLD:   0.200000" + n
                + "  Same top p: 80.000 ± 20.000 %   95% over turns [66.667, 100.000] %" + n
                + "  Mean     Δp: -10.000 %   RMS Δp: 22.361 %" + n
                + "  Greedy answers departed from the baseline's on 1 of 2 turns (median at token 7)" + n,
                FidelityText.render("q4_0", "f16", s));
    }

    @Test
    void fewTurnsSayWhyThereIsNoInterval() {
        FidelityStats stats = FidelityStats.of(new double[] {0.3, 0.0}, 2, new double[0]);
        FidelitySummary s = new FidelitySummary(2, 3, 100, stats, null, null, 0, 0, Double.NaN, List.of());
        String text = FidelityText.render("q8_0", "f16", s);
        assertEquals(true, text.contains("(baseline's answers forced, top-100, 2 runs, 3 turns, 2 tokens)"), text);
        assertEquals(true, text.contains("±   0.150000   too few turns for an interval (3 < 10)"), text);
    }
}
