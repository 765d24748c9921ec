package dev.longhaul.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimators against an independent implementation of their documented formulas in Python (NumPy, SciPy 1.17):
 * the script is in this class's comments, values pasted from its output.
 *
 * <pre>{@code
 * def nu(T): return max(2, floor(0.6*T**(2/3)))
 * def lrv(series):  # centred arrays
 *     lag = sum((r[1:]*r[:-1]).sum() for r in series); sq = sum((r[:-1]**2).sum() for r in series)
 *     raw = lag/sq; rho = clip(raw + (1+3*raw)/mean_length, -0.9, 0.9)
 *     for r in series: e = r[1:]-rho*r[:-1]; n = len(e)
 *         S += sum((sqrt(2/n)*cos(pi*j*(arange(n)+0.5)/n) @ e)**2 for j in 1..nu(len(r)))
 *     return S/(1-rho)**2, sum(nu(len(r))), rho
 * series_mean: Omega = (S + sum(T_r (m_r - m)^2)) / (df + R - 1); se = sqrt(Omega/N); scipy.stats.t, df + R - 2
 * }</pre>
 */
class StatsReferenceTest {

    private static final double[] X1 = new double[30];
    private static final double[] X2 = new double[25];

    static {
        for (int i = 0; i < X1.length; i++) {
            X1[i] = 0.1 * Math.sin(i * 0.7) + 0.01 * (i % 5) - 0.02;
        }
        for (int i = 0; i < X2.length; i++) {
            X2[i] = 0.05 * Math.cos(i * 1.3) - 0.01 * (i % 3);
        }
    }

    @Test
    void theLongRunVarianceIsPrewhitenedCosinesRecoloured() {
        double mean = RunMeansTest.mean(X1);
        double[] centred = new double[X1.length];
        for (int i = 0; i < X1.length; i++) {
            centred[i] = X1[i] - mean;
        }
        LongRunVariance.Estimate e = LongRunVariance.of(List.of(centred));
        assertEquals(0.8662893989205588, e.rho(), 1e-13);
        assertEquals(5, e.degreesOfFreedom(), "floor(0.6 × 30^(2/3)) = 5 cosines");
        assertEquals(0.45819601765467516, e.sumOfSquares(), 1e-12);
        assertEquals(8, LongRunVariance.cosines(50));
        assertEquals(2, LongRunVariance.cosines(4));
    }

    @Test
    void theSeriesMeanTestMatchesTheReferenceForOneAndTwoSeries() {
        Inference one = SeriesMeanTest.of(List.of(X1), 0.96);
        assertEquals(0.005672279148030128, one.estimate(), 1e-15);
        assertEquals(0.05526879877198196, one.standardError(), 1e-13);
        assertEquals(4, one.degreesOfFreedom(), "5 cosines, one spent on the estimated rho");
        assertEquals(-0.16005275448840367, one.interval().low(), 1e-11);
        assertEquals(0.1713973127844639, one.interval().high(), 1e-11);
        assertEquals(0.9231953688499124, one.pValue(), 1e-11);

        Inference two = SeriesMeanTest.of(List.of(X1, X2), 0.96);
        assertEquals(-0.0004992373455385072, two.estimate(), 1e-15);
        assertEquals(0.01834201871877941, two.standardError(), 1e-13);
        assertEquals(10, two.degreesOfFreedom(), "5 + 5 cosines, one between the series, one spent on rho");
        assertEquals(-0.043773830337604035, two.interval().low(), 1e-11);
        assertEquals(0.04277535564652702, two.interval().high(), 1e-11);
        assertEquals(0.9788211908809827, two.pValue(), 1e-11);
    }

    @Test
    void theRunMeansTestPoolsTheVarianceWithTheNoiseFloorRuns() {
        Inference t = RunMeansTest.of(new double[] {0.70, 0.72, 0.69}, new double[] {0.66, 0.68, 0.65},
                new double[] {0.71, 0.70}, 0.96);
        assertEquals(-0.039999999999999813, t.estimate(), 1e-15);
        assertEquals(0.011450376024878457, t.standardError(), 1e-15);
        assertEquals(5, t.degreesOfFreedom(), "2 + 2 from the arms and 1 from the noise-floor runs");
        assertEquals(-0.0715630590916452, t.interval().low(), 1e-12);
        assertEquals(-0.008436940908354423, t.interval().high(), 1e-12);
        assertEquals(0.017408159352685377, t.pValue(), 1e-12);
        assertEquals("the run-means test needs at least 2 runs per side, got 1 and 3", assertThrows(
                IllegalArgumentException.class, () -> RunMeansTest.of(new double[] {0.7}, new double[] {1, 2, 3},
                        new double[0], 0.96)).getMessage());
    }

    @Test
    void theRatioEstimateTreatsTurnsAsUnits() {
        double[] k = {0.5, 0.2, 0.9, 0.1, 0.3, 0.4, 0.25, 0.6, 0.35, 0.15, 0.45};
        double[] n = {10, 8, 12, 9, 11, 10, 7, 13, 10, 9, 10};
        Inference r = RatioEstimate.of(k, n, 0.95);
        assertEquals(0.03853211009174312, r.estimate(), 1e-15);
        assertEquals(0.00566969975334164, r.standardError(), 1e-15);
        assertEquals(0.02589923179222562, r.interval().low(), 1e-12);
        assertEquals(0.05116498839126062, r.interval().high(), 1e-12);
        assertEquals("a ratio interval needs at least 10 units, got 3", assertThrows(IllegalArgumentException.class,
                () -> RatioEstimate.of(new double[3], new double[3], 0.95)).getMessage());
    }

    @Test
    void studentsTQuantilesAndTailsAreScipys() {
        assertEquals(2.448984989640778, StudentT.of(8).quantile(0.98), 1e-12);
        assertEquals(2.9400886379827282, StudentT.of(3.5).quantile(0.975), 1e-10);
        assertEquals(0.06893752429531219, StudentT.of(8).twoSidedP(2.1), 1e-12);
        Inference flat = Inference.studentT(0, 0, 5, 0.96);
        assertEquals(1.0, flat.pValue(), "no variance, no difference");
        assertEquals(0.0, Inference.studentT(0.1, 0, 5, 0.96).pValue(), "no variance, a difference");
    }

    @Test
    void holmAdjustsStepDownAndKeepsOrder() {
        double[] adjusted = Holm.adjust(new double[] {0.04, 0.01, Double.NaN, 0.03});
        // sorted 0.01, 0.03, 0.04 over n = 3: 0.03, max(0.03, 0.06), max(0.06, 0.04)
        assertEquals(0.06, adjusted[0], 1e-15);
        assertEquals(0.03, adjusted[1], 1e-15);
        assertEquals(Double.NaN, adjusted[2]);
        assertEquals(0.06, adjusted[3], 1e-15);
        assertEquals(1.0, Holm.adjust(new double[] {0.6, 0.7})[0]);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 4, 8};
        assertEquals(1.0, Quantiles.ofSorted(sorted, 0));
        assertEquals(8.0, Quantiles.ofSorted(sorted, 1));
        assertEquals(3.0, Quantiles.ofSorted(sorted, 0.5)); // h = 1.5 → 2 + 0.5 × 2
        assertEquals(0.0, Quantiles.spread(new double[] {0.7}));
        assertEquals(Double.NaN, Quantiles.spread(new double[0]));
    }
}
