package dev.longhaul.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change test's statistic, split and set against an independent NumPy implementation of its documented steps 0–4
 * (the values below are that implementation's output on these series), and its two nulls.
 */
class DropTestTest {

    private static final double[] X = new double[30];
    private static final double[] Y = new double[30];

    static {
        for (int i = 0; i < 30; i++) {
            X[i] = 0.05 * Math.sin(i * 0.9) + (i < 18 ? 0.0 : -0.12) + 0.01 * (i % 4);
            Y[i] = 0.04 * Math.cos(i * 1.1) + (i < 18 ? 0.0 : -0.10) - 0.01 * (i % 3);
        }
    }

    @Test
    void theStatisticSplitAndSetAreTheReferences() {
        DropTest.Result one = DropTest.of(List.of(X), VerdictLevels.DEFAULT);
        assertEquals(13.253102948465422, one.statistic(), 1e-9);
        assertEquals(18, one.split(), "the first turn of the lower level, 0-based");
        assertEquals(18, one.setFirst());
        assertEquals(18, one.setLast());
        assertTrue(one.pValue() <= 0.01, "beyond the change test's 1 %: " + one.pValue());

        DropTest.Result two = DropTest.of(List.of(X, Y), VerdictLevels.DEFAULT);
        assertEquals(16.0551827700762, two.statistic(), 1e-9);
        assertEquals(18, two.split());
    }

    @Test
    void flippingWholeUnitsNeedsSevenToReachOnePercentAndIsExact() {
        assertEquals(7, DropTest.unitsToFlip(0.01));
        assertEquals(5, DropTest.unitsToFlip(0.04));
        List<double[]> seven = new ArrayList<>();
        for (int u = 0; u < 7; u++) {
            seven.add(u % 2 == 0 ? X : Y);
        }
        DropTest.Result all = DropTest.flippingUnits(seven, VerdictLevels.DEFAULT);
        assertEquals(1.0 / 128, all.pValue(), "only the identity reaches it: p = 1 / 2^7");
        DropTest.Result three = DropTest.flippingUnits(seven.subList(0, 3), VerdictLevels.DEFAULT);
        assertEquals(1.0 / 8, three.pValue(), "three units cannot go below 1 / 8");
        List<double[]> mixed = new ArrayList<>(seven.subList(0, 6));
        mixed.add(negate(X));
        assertTrue(DropTest.flippingUnits(mixed, VerdictLevels.DEFAULT).pValue() > 1.0 / 128,
                "a unit going the other way is less extreme than some flip");
    }

    @Test
    void badSeriesAreRefusedInOneLine() {
        assertEquals("the change test needs series of at least 10 values, got 3", assertThrows(
                IllegalArgumentException.class, () -> DropTest.of(List.of(new double[3]), VerdictLevels.DEFAULT))
                .getMessage());
        double[] nan = X.clone();
        nan[4] = Double.NaN;
        assertEquals("the change test needs finite values, got NaN", assertThrows(IllegalArgumentException.class,
                () -> DropTest.of(List.of(nan), VerdictLevels.DEFAULT)).getMessage());
    }

    private static double[] negate(double[] x) {
        double[] n = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            n[i] = -x[i];
        }
        return n;
    }
}
