package dev.longhaul.analysis.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.RatioEstimate;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FidelitySummaryTest {

    @Test
    void pooledStatisticsOverAllPositionsOfTheRun() {
        FidelitySummary s = FidelitySummary.of(twoTurns()).orElseThrow();
        // positions 0, .1 | .2, .3, 1: the five values of FidelityStatsTest
        assertEquals(2, s.turns());
        assertEquals(50, s.topK());
        assertEquals(5, s.stats().positions());
        assertEquals(0.32, s.stats().kldMean(), 1e-15);
        assertEquals(Math.sqrt(0.0314), s.stats().kldMeanSe(), 1e-12);
        assertEquals(0.972, s.stats().kldP99(), 1e-12);
        assertEquals(1.0, s.stats().kldMax());
        assertEquals(0.8, s.stats().sameTopRate());
        assertEquals(0.2, s.stats().sameTopSe(), 1e-12);
        // Δp only on turn 2: its figures are the run's
        assertEquals(-0.1, s.stats().deltaPMean(), 1e-15);
        assertEquals(0.2, s.stats().deltaPRms(), 1e-15);
        assertEquals(2, s.greedyTurns());
        assertEquals(1, s.divergedTurns());
        assertEquals(7.0, s.medianFirstDivergence());
        assertEquals(List.of(new FidelitySummary.TurnPoint(1, 1, 2, 0.05, 0.099, 1.0, null),
                new FidelitySummary.TurnPoint(1, 2, 3, 0.5, s.perTurn().get(1).kldP99(), 2.0 / 3, 7)), s.perTurn());
        assertEquals(0.3 + 0.98 * 0.7, s.perTurn().get(1).kldP99(), 1e-12);
    }

    @Test
    void belowTenTurnsThereIsNoIntervalAndFromTenOnTheTurnIsTheUnit() {
        FidelitySummary two = FidelitySummary.of(twoTurns()).orElseThrow();
        assertEquals(null, two.kldMean());
        assertEquals(Interval.UNDEFINED, two.kldMeanInterval());
        assertEquals("too few turns for an interval (2 < 10)", two.tooFewTurns());

        List<TurnMetrics> turns = new ArrayList<>();
        double[] sums = new double[12];
        double[] positions = new double[12];
        double[] same = new double[12];
        for (int t = 0; t < 12; t++) {
            double[] kld = new double[2 + t % 3];
            for (int i = 0; i < kld.length; i++) {
                kld[i] = 0.01 * (t + 1) * (i + 1);
                sums[t] += kld[i];
            }
            positions[t] = kld.length;
            same[t] = t % 2;
            turns.add(turn(t + 1, kld, t % 2, null));
        }
        FidelitySummary twelve = FidelitySummary.of(report(turns)).orElseThrow();
        assertEquals(RatioEstimate.ofPositive(sums, positions, 0.95), twelve.kldMean(), "on the log scale");
        assertEquals(RatioEstimate.of(same, positions, 0.95).clippedTo(0, 1), twelve.sameTopRate());
        assertTrue(twelve.sameTopRateInterval().low() >= 0 && twelve.sameTopRateInterval().high() <= 1);
        assertEquals(twelve.stats().kldMean(), twelve.kldMean().estimate(), 1e-15, "the pooled mean");
    }

    @Test
    void deltaPWeighsThePositionsThatHaveOne() {
        // turn 1: 90 positions, Δp on 2 of them (mean -0.2); turn 2: 10 positions, Δp on all (mean +0.02)
        TurnMetrics first = withDeltaP(turn(1, new double[90], 90, null), -0.2, 0.2, 2);
        TurnMetrics second = withDeltaP(turn(2, new double[10], 10, null), 0.02, 0.02, 10);
        FidelitySummary s = FidelitySummary.of(report(List.of(first, second))).orElseThrow();
        assertEquals((2 * -0.2 + 10 * 0.02) / 12, s.stats().deltaPMean(), 1e-15, "not (90 × -0.2 + 10 × 0.02) / 100");
    }

    @Test
    void runsArePooledPositionByPosition() {
        SessionReport r1 = report(List.of(turn(1, new double[] {0.0, 0.1}, 2, null)));
        SessionReport r2 = report(List.of(turn(1, new double[] {0.2, 0.3, 1.0}, 2, 7)));
        FidelitySummary pooled = FidelitySummary.pooled(List.of(r1, r2)).orElseThrow();
        assertEquals(2, pooled.runs());
        assertEquals(0.32, pooled.stats().kldMean(), 1e-15, "(0 + .1 + .2 + .3 + 1) / 5, not the mean of .05 and .5");
        assertEquals(0.972, pooled.stats().kldP99(), 1e-12);
        assertEquals(List.of(1, 2), pooled.perTurn().stream().map(FidelitySummary.TurnPoint::run).toList());
    }

    @Test
    void theMapForComparisonJson() {
        Map<String, Object> m = FidelitySummary.of(twoTurns()).orElseThrow().toMap();
        assertEquals(List.of("turns", "top_k", "forced_tokens", "kld_mean", "kld_mean_se", "kld_mean_ci95",
                "kld_median", "kld_p99", "kld_max", "same_top_rate", "same_top_se", "same_top_ci95", "interval_note",
                "delta_p_mean", "delta_p_rms", "greedy_turns", "diverged_turns", "median_first_divergence_token",
                "per_turn"), new ArrayList<>(m.keySet()));
        assertEquals(null, m.get("kld_mean_ci95"));
        assertEquals("too few turns for an interval (2 < 10)", m.get("interval_note"));
        List<?> perTurn = (List<?>) m.get("per_turn");
        assertEquals(Arrays.asList(1, 2, 0.05, 0.099, 1.0, null),
                new ArrayList<>(((Map<?, ?>) perTurn.get(0)).values()));
    }

    @Test
    void survivesTheReportsJsonRoundTrip() {
        SessionReport report = twoTurns();
        assertEquals(FidelitySummary.of(report), FidelitySummary.of(ReportCodec.fromJson(ReportCodec.toJson(report))));
    }

    @Test
    void aReportWithoutFiguresHasNoSummaryAndMalformedFiguresNameTheTurn() {
        assertEquals(Optional.empty(), FidelitySummary.of(report(List.of(scoreOnly(1)))));
        Map<String, Object> bad = new LinkedHashMap<>(turn(3, new double[] {0.1}, 1, null).values());
        bad.put(MetricKey.KLD_VALUES.name(), List.of(0.1, "x"));
        SessionReport malformed = report(List.of(new TurnMetrics(3, "code_gen", bad)));
        assertEquals("turn 3: 'kld_values' holds x at 1, not a number",
                assertThrows(IllegalArgumentException.class, () -> FidelitySummary.of(malformed)).getMessage());
    }

    private static SessionReport twoTurns() {
        TurnMetrics second = turn(2, new double[] {0.2, 0.3, 1.0}, 2, 7);
        Map<String, Object> withDeltaP = new LinkedHashMap<>(second.values());
        withDeltaP.put(MetricKey.DELTA_P_MEAN.name(), -0.1);
        withDeltaP.put(MetricKey.DELTA_P_RMS.name(), 0.2);
        TurnMetrics first = turn(1, new double[] {0.0, 0.1}, 2, null);
        Map<String, Object> k100 = new LinkedHashMap<>(first.values());
        k100.put(MetricKey.FIDELITY_TOP_K.name(), 100);
        return report(List.of(scoreOnly(3), new TurnMetrics(1, "code_gen", k100),
                new TurnMetrics(2, "code_gen", withDeltaP)));
    }

    private static TurnMetrics withDeltaP(TurnMetrics t, double mean, double rms, int positions) {
        Map<String, Object> v = new LinkedHashMap<>(t.values());
        v.put(MetricKey.DELTA_P_MEAN.name(), mean);
        v.put(MetricKey.DELTA_P_RMS.name(), rms);
        v.put(MetricKey.DELTA_P_TOKENS.name(), positions);
        return new TurnMetrics(t.turn(), t.phase(), v);
    }

    private static TurnMetrics turn(int turn, double[] kld, int sameTop, Integer departs) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("quality_score", 0.5);
        v.put(MetricKey.FIDELITY_TOP_K.name(), 50);
        v.put(MetricKey.FORCED_TOKENS.name(), kld.length);
        v.put(MetricKey.SAME_TOP_TOKENS.name(), sameTop);
        v.put(MetricKey.FIRST_DIVERGENCE_TOKEN.name(), departs);
        v.put(MetricKey.KLD_VALUES.name(), Arrays.stream(kld).boxed().toList());
        return new TurnMetrics(turn, "code_gen", v);
    }

    private static TurnMetrics scoreOnly(int turn) {
        return new TurnMetrics(turn, "code_gen", Map.of("quality_score", 0.5));
    }

    private static SessionReport report(List<TurnMetrics> turns) {
        return new SessionReport(new RunConfig("llamacpp", "m", "q8_0", turns.size(), 20, "t", Map.of()), turns,
                List.of(), new Summary(0.5, 0.5, 0.5, 0, 0, 0.0, 0, 0.0, 0), List.of(), List.of());
    }
}
