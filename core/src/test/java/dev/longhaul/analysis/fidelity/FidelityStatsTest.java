package dev.longhaul.analysis.fidelity;

import static dev.longhaul.analysis.fidelity.Distributions.dist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityStatsTest {

    @Test
    void llamaPerplexitysStatisticsOnFiveValues() {
        // KLD 0, .1, .2, .3, 1: mean .32; mean of squares .228; SE sqrt((.228 - .1024) / 4) = sqrt(.0314);
        // median .2; 99th percentile at rank .99 * 4 = 3.96: .3 + .96 * (1 - .3) = .972; 4 of 5 same top:
        // .8 ± sqrt(.8 * .2 / 4) = .2; Δp of two positions .1 and -.3: mean -.1, RMS sqrt(.05)
        FidelityStats s = FidelityStats.of(new double[] {0.3, 0.0, 1.0, 0.1, 0.2}, 4, new double[] {0.1, -0.3});
        assertEquals(5, s.positions());
        assertEquals(0.32, s.kldMean(), 1e-15);
        assertEquals(Math.sqrt(0.0314), s.kldMeanSe(), 1e-12);
        assertEquals(0.2, s.kldMedian(), 0.0);
        assertEquals(0.972, s.kldP99(), 1e-12);
        assertEquals(1.0, s.kldMax(), 0.0);
        assertEquals(4, s.sameTop());
        assertEquals(0.8, s.sameTopRate(), 0.0);
        assertEquals(0.2, s.sameTopSe(), 1e-12);
        assertEquals(-0.1, s.deltaPMean(), 1e-15);
        assertEquals(Math.sqrt(0.05), s.deltaPRms(), 1e-15);
    }

    @Test
    void anEvenCountTakesTheMiddlePairsMeanAsMedianAndOneValueHasNoError() {
        assertEquals(0.25, FidelityStats.of(new double[] {0.4, 0.1, 0.2, 0.3}, 0, new double[0]).kldMedian(), 1e-15);
        FidelityStats one = FidelityStats.of(new double[] {0.5}, 1, new double[0]);
        assertEquals(0.0, one.kldMeanSe());
        assertEquals(0.0, one.sameTopSe());
        assertEquals(0.5, one.kldP99());
        assertTrue(Double.isNaN(one.deltaPMean()));
    }

    @Test
    void fromPositionComparisons() {
        // position 1: identical (KLD 0, same top, Δp 0); position 2: A .5/B .3 against B .4/A .4 (top differs),
        // KLD .5 ln(.5/.4) + .3 ln(.3/.4), Δp .4 - .5
        PositionFidelity same = PositionFidelity.of(dist('A', .5, 'A', .5, 'B', .3), dist('A', .5, 'A', .5, 'B', .3));
        PositionFidelity moved = PositionFidelity.of(dist('A', .5, 'A', .5, 'B', .3), dist('A', .4, 'B', .4, 'A', .4));
        assertEquals(new PositionFidelity(0.0, true, 0.0), same);
        assertFalse(moved.sameTop());
        assertEquals(-0.1, moved.deltaP(), 1e-12);
        FidelityStats s = FidelityStats.of(List.of(same, moved));
        assertEquals(0.02526715392157057 / 2, s.kldMean(), 1e-12);
        assertEquals(0.5, s.sameTopRate());
        assertEquals(-0.05, s.deltaPMean(), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        assertEquals("fidelity statistics need at least one position", assertThrows(IllegalArgumentException.class,
                () -> FidelityStats.of(new double[0], 0, new double[0])).getMessage());
        assertEquals("same-top count 3 is out of range [0, 2]", assertThrows(IllegalArgumentException.class,
                () -> FidelityStats.of(new double[] {0, 0}, 3, new double[0])).getMessage());
    }
}
