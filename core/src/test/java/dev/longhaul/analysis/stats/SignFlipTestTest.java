package dev.longhaul.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cases small enough to count by hand. */
class SignFlipTestTest {

    @Test
    void countsTheAssignmentsAtLeastAsExtremeAsObserved() {
        // ±1 ±2 ±3: only +1+2+3 and -1-2-3 reach |6|, so 2 of 8 assignments
        assertEquals(0.25, SignFlipTest.pValue(new double[] {1, 2, 3}, Resampling.DEFAULT));
        // ±1 ±1: |2| twice, |0| twice
        assertEquals(0.5, SignFlipTest.pValue(new double[] {1, 1}, Resampling.DEFAULT));
        // 1 - 1 = 0: every assignment reaches it
        assertEquals(1.0, SignFlipTest.pValue(new double[] {1, -1}, Resampling.DEFAULT));
    }

    @Test
    void aConsistentShiftIsSignificantAndNoShiftIsNot() {
        double[] shifted = new double[40];
        double[] noise = new double[40];
        for (int i = 0; i < 40; i++) {
            shifted[i] = -0.2 + (i % 5) * 0.01;
            noise[i] = (i % 2 == 0 ? 1 : -1) * (0.01 + (i % 7) * 0.003);
        }
        assertTrue(SignFlipTest.pValue(shifted, Resampling.DEFAULT) < 0.001);
        assertTrue(SignFlipTest.pValue(noise, Resampling.DEFAULT) > 0.2);
    }

    @Test
    void noDataHasNoPValueAndBadSettingsAreRefused() {
        assertTrue(Double.isNaN(SignFlipTest.pValue(new double[0], Resampling.DEFAULT)));
        assertTrue(!Bootstrap.meanInterval(new double[0], Resampling.DEFAULT).defined());
        assertEquals("resamples 99 must be at least 100",
                assertThrows(IllegalArgumentException.class, () -> new Resampling(99, 1, 0.95)).getMessage());
        assertEquals("confidence level 1.0 is out of range (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new Resampling(1000, 1, 1.0)).getMessage());
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 4, 8};
        assertEquals(1.0, Quantiles.ofSorted(sorted, 0));
        assertEquals(8.0, Quantiles.ofSorted(sorted, 1));
        assertEquals(3.0, Quantiles.ofSorted(sorted, 0.5)); // h = 1.5 → 2 + 0.5 × 2
        assertEquals(0.0, Quantiles.spread(new double[] {0.7}));
    }
}
