package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedComparisonTest {

    @Test
    void pairsRunsByPositionAndTurnsByNumberAndMatchesPython() {
        // run 2 of B failed turn 3: that turn has no pair in run 2
        List<SessionReport> a = List.of(report("f16", 42, 0.5, 0.6, 0.7), report("f16", 43, 0.55, 0.65, 0.75));
        List<SessionReport> b = List.of(report("q8_0", 42, 0.6, 0.62, 0.9), report("q8_0", 43, 0.5, 0.7));

        RepeatedComparison c = RepeatedComparison.of(a, b);

        MetricDelta q = c.quality();
        assertEquals(5, q.pairs());
        // expected values from the Python reference of docs/experiments.md on the differences
        // [0.1, 0.02, 0.2, -0.05, 0.05] (as floats), B = 10000, seed 42
        assertEquals(0.06399999999999999, q.delta());
        assertEquals(new Interval(-0.006000000000000028, 0.14), q.interval());
        assertEquals(0.25, q.pValue());
        assertFalse(q.significant());
        assertEquals(new Pair<>(List.of(42L, 43L), List.of(42L, 43L)), c.seeds());
        assertEquals(List.of(2, 2, 1), c.perTurn().stream().map(TurnDelta::pairs).toList());
        assertEquals((0.6 - 0.5 + (0.5 - 0.55)) / 2, c.perTurn().get(0).deltas().get("quality_score"), 1e-15);
        assertTrue(c.verdict().startsWith("No significant difference (quality delta +0.064, 95% CI [-0.006, +0.140], "
                + "p=0.2500)"), c.verdict());
    }

    @Test
    void aaWithNoiseIsNoSignificantDifference() {
        Random noise = new Random(1);
        List<SessionReport> a = new ArrayList<>();
        List<SessionReport> b = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            a.add(report("f16", 42 + r, noisy(noise, 30, 0.7, Integer.MAX_VALUE)));
            b.add(report("f16", 45 + r, noisy(noise, 30, 0.7, Integer.MAX_VALUE)));
        }
        RepeatedComparison c = RepeatedComparison.of(a, b);
        assertFalse(c.quality().significant(), c.quality().toString());
        assertTrue(c.quality().interval().contains(0.0));
        assertTrue(c.quality().pValue() > 0.05, c.quality().toString());
        assertTrue(c.verdict().startsWith("No significant difference"), c.verdict());
        assertNull(c.drop(), "no drop to locate");
        assertTrue(c.quality().spread().a() > 0, "runs of one side differ");
    }

    @Test
    void aPlantedDropFromTurn20IsJudgedWorseAndLocated() {
        Random noise = new Random(2);
        List<SessionReport> a = new ArrayList<>();
        List<SessionReport> b = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            a.add(report("f16", 42 + r, noisy(noise, 30, 0.7, Integer.MAX_VALUE)));
            b.add(report("q4_0", 42 + r, noisy(noise, 30, 0.7, 20)));
        }
        RepeatedComparison c = RepeatedComparison.of(a, b);
        assertTrue(c.quality().significant());
        assertTrue(c.quality().interval().high() < 0);
        assertTrue(c.quality().pValue() < 0.001, c.quality().toString());
        assertTrue(c.verdict().startsWith("f16 is BETTER by "), c.verdict());
        assertEquals(20, c.drop().turn(), c.drop().toString());
        assertTrue(c.drop().meanAfter() < -0.3 && Math.abs(c.drop().meanBefore()) < 0.05, c.drop().toString());
        assertTrue(c.perTurn().get(25).deltas().get("quality_score") < -0.2);
    }

    @Test
    void aSideWorseFromTheFirstTurnHasNoDropToLocate() {
        Random noise = new Random(3);
        List<SessionReport> a = List.of(report("f16", 42, noisy(noise, 30, 0.7, Integer.MAX_VALUE)));
        List<SessionReport> b = List.of(report("q4_0", 42, noisy(noise, 30, 0.5, Integer.MAX_VALUE)));
        RepeatedComparison c = RepeatedComparison.of(a, b);
        assertTrue(c.quality().significant());
        assertNull(c.drop(), String.valueOf(c.drop()));
    }

    @Test
    void aFewLowTurnsAtTheEndAreNoDropButSixAre() {
        SessionReport a = report("f16", 42, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7);
        SessionReport twoLow = report("q4_0", 42, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.3, 0.3);
        SessionReport sixLow = report("q4_0", 42, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3);
        assertNull(RepeatedComparison.of(List.of(a), List.of(twoLow)).drop(), "2 pairs: p = 0.5");
        DropLocation drop = RepeatedComparison.of(List.of(a), List.of(sixLow)).drop();
        assertEquals(9, drop.turn());
        assertEquals(0.0, drop.meanBefore());
        assertEquals(-0.4, drop.meanAfter(), 1e-12);
    }

    @Test
    void oneRunPerSideKeepsTheSeedsComparisonExactly() {
        SessionReport a = report("f16", 42, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4);
        SessionReport b = report("q8_0", 42, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7);
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));
        assertEquals(Comparison.of(a, b), c.seed());
        assertEquals(Comparison.of(a, b).verdict(), c.seedVerdict());
        Map<String, Object> json = RepeatedComparisonJson.tree(c);
        List<String> keys = new ArrayList<>(json.keySet());
        assertEquals(List.of("labels", "avg_quality", "min_quality", "degradation_events", "first_degradation",
                "hallucinated_refs", "repetition_ratio", "quality_delta", "seed_verdict", "failed_turns", "runs", "seeds",
                "resampling", "metrics", "arm_metrics", "per_turn", "drop", "verdict"), keys);
        assertEquals(Comparison.of(a, b).verdict(), json.get("seed_verdict"));
    }

    @Test
    void poolsTheSeedsFiguresOverRuns() {
        SessionReport a1 = report("f16", 1, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4);
        SessionReport a2 = report("f16", 2, 0.6, 0.6);
        SessionReport b1 = report("q8_0", 1, 0.7, 0.7);
        SessionReport b2 = report("q8_0", 2, 0.7, 0.7);
        Comparison seed = RepeatedComparison.of(List.of(a1, a2), List.of(b1, b2)).seed();
        assertEquals(new Pair<>("f16", "q8_0"), seed.labels());
        assertEquals(new Pair<>(0.711, 0.7), seed.avgQuality()); // round((6 × 0.8 + 0.4 + 2 × 0.6) / 9, 3)
        assertEquals(new Pair<>(0.4, 0.7), seed.minQuality());
        assertEquals(new Pair<>(1, 0), seed.degradationEvents());
        assertEquals(new Pair<>(7, null), seed.firstDegradation());
    }

    @Test
    void metricsOnlyTheArmCarriesAreEstimatedWithTheNoiseFloorBeside() {
        SessionReport a = report("f16", 42, 0.7, 0.7, 0.7);
        SessionReport b = withArmMetric(report("q8_0", 42, 0.7, 0.7, 0.7), 0.01, 0.02, 0.03);
        SessionReport noise = withArmMetric(report("f16", 43, 0.71, 0.69, 0.7), 0.0, 0.0, 0.0);

        RepeatedComparison floor = RepeatedComparison.of(List.of(a), List.of(noise));
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b)).withNoiseFloor(floor);

        assertEquals(1, c.armMetrics().size());
        MetricEstimate kld = c.armMetrics().get(0);
        assertEquals("kld_mean", kld.metric());
        assertEquals((0.01 + 0.02 + 0.03) / 3, kld.mean(), 1e-15);
        assertEquals(new Interval(0.0, 0.0), kld.noiseFloor());
        assertEquals(Boolean.FALSE, kld.withinNoiseFloor());
        assertEquals(0.02, c.perTurn().get(1).armOnly().get("kld_mean"));
        MetricDelta q = c.quality();
        assertEquals(0.0, q.delta());
        assertEquals(Boolean.TRUE, q.withinNoiseFloor());
        assertTrue(c.verdict().contains("; within the noise floor [-0.010, +0.010]"), c.verdict());
        Map<String, Object> json = RepeatedComparisonJson.tree(c);
        assertTrue(json.containsKey("noise_floor"));
        String text = RepeatedComparisonText.render(c);
        assertTrue(text.contains("Only in q8_0 (measured against f16's answers):"), text);
        assertTrue(text.contains("kld_mean"), text);
        assertTrue(text.contains("Seed verdict: No significant quality difference"), text);
    }

    @Test
    void sidesOfDifferentSizesAreRefusedInOneLine() {
        SessionReport a = report("f16", 42, 0.7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepeatedComparison.of(List.of(a, a), List.of(a)));
        assertEquals("runs are paired by position: side A has 2 reports and side B 1; give both sides the same number",
                e.getMessage());
    }

    /** Scores around {@code level} with noise of ±0.08; from {@code dropFrom} on 0.4 lower. */
    private static double[] noisy(Random random, int turns, double level, int dropFrom) {
        double[] scores = new double[turns];
        for (int t = 1; t <= turns; t++) {
            double score = level + (random.nextDouble() - 0.5) * 0.16 - (t >= dropFrom ? 0.4 : 0);
            scores[t - 1] = Math.round(score * 1000) / 1000.0;
        }
        return scores;
    }

    static SessionReport report(String kv, long seed, double... scores) {
        List<TurnMetrics> turns = Turns.scored(scores);
        List<DegradationAlert> alerts = new DegradationDetector().detect(turns);
        return new SessionReport(new RunConfig("scripted", "m", kv, scores.length, 20, "t", Map.of("seed", seed)),
                turns, alerts, Summaries.of(turns, alerts, 0), List.of(), List.of());
    }

    private static SessionReport withArmMetric(SessionReport r, double... values) {
        List<TurnMetrics> turns = new ArrayList<>();
        for (int i = 0; i < r.turnMetrics().size(); i++) {
            TurnMetrics t = r.turnMetrics().get(i);
            Map<String, Object> v = new LinkedHashMap<>(t.values());
            v.put("kld_mean", values[i]);
            turns.add(new TurnMetrics(t.turn(), t.phase(), v));
        }
        return new SessionReport(r.config(), turns, r.degradationAlerts(), r.summary(), r.responses(), r.failedTurns());
    }
}
