package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.Summary;
import org.junit.jupiter.api.Test;

class ComparisonTextTest {

    @Test
    void printsTheSeedsTable() {
        Comparison c = Comparison.of("f16", new Summary(0.8123, 0.5, 0.9, 0, null, 1.0, 0, 0.0125, 0),
                "q8_0", new Summary(0.7, 0.25, 0.9, 3, 12, 1.0, 11, 0.1, 0));
        assertEquals("\n"
                + "=".repeat(70) + "\n"
                + "QUALITY COMPARISON: f16 vs q8_0\n"
                + "=".repeat(70) + "\n"
                + "Metric                                     f16            q8_0\n"
                + "\u2500".repeat(60) + "\n"
                + "Avg Quality Score                        0.812           0.700\n"
                + "Min Quality Score                        0.500           0.250\n"
                + "Degradation Events                           0               3\n"
                + "First Degradation Turn                    none              12\n"
                + "Hallucinated References                      0              11\n"
                + "Repetition Ratio                         0.013           0.100\n"
                + "\u2500".repeat(60) + "\n"
                + "Verdict: f16 is BETTER by 0.112\n"
                + "=".repeat(70) + "\n"
                + "\n", ComparisonText.render(c));
    }

    @Test
    void addsAFailedTurnsRowOnlyWhenARunHasFailures() {
        Summary clean = new Summary(0.7, 0.5, 0.9, 0, null, 1.0, 0, 0.0, 0);
        Summary failing = new Summary(0.7, 0.5, 0.9, 0, null, 1.0, 0, 0.0, 2);
        String row = "Failed Turns                                 0               2\n";
        assertTrue(ComparisonText.render(Comparison.of("a", clean, "b", failing)).contains(
                "Repetition Ratio                         0.000           0.000\n" + row));
        assertFalse(ComparisonText.render(Comparison.of("a", clean, "b", clean)).contains("Failed Turns"));
    }

    @Test
    void aScorerWithoutTheSeedsMetricsReadsNoneNotNull() {
        Summary bare = new Summary(0.7, 0.5, 0.9, 0, null, null, null, null, 0);
        String text = ComparisonText.render(Comparison.of("a", bare, "b", bare));
        assertTrue(text.contains("Hallucinated References                   None            None\n"), text);
        assertTrue(text.contains("Repetition Ratio                          None            None\n"), text);
        assertFalse(text.contains("null"), text);
    }

    @Test
    void neverCutsLongLabels() {
        Summary s = new Summary(0.7, 0.5, 0.9, 0, null, 1.0, 0, 0.0, 0);
        String text = ComparisonText.render(Comparison.of("a-very-long-kv-label", s, "b", s));
        assertTrue(text.contains("\nMetric                         a-very-long-kv-label               b\n"), text);
    }
}
