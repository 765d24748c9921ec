package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.analysis.stats.SeriesMeanTest;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SavedResponse;
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
    void oneFreeRunningRunPerArmIsInconclusiveAndKeepsTheSeedsVerdict() {
        SessionReport a = report("f16", 42, false, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4);
        SessionReport b = report("q8_0", 42, false, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7);

        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));

        assertEquals(Design.FREE_RUNNING, c.design(), "the seed's design: no shared_history_from");
        assertEquals(VerdictKind.INCONCLUSIVE, c.verdict().kind());
        assertEquals("inconclusive: one free-running run per arm cannot tell run-to-run drift from the arm",
                c.verdict().text());
        assertNull(c.quality().inference(), "no test");
        assertFalse(c.quality().significant());
        assertEquals(Comparison.of(a, b), c.seed());
        assertEquals(Comparison.of(a, b).verdict(), c.seedVerdict());
        String text = RepeatedComparisonText.render(c);
        assertTrue(text.contains("Verdict: inconclusive: one free-running run per arm"), text);
        assertTrue(text.contains("Seed verdict: " + c.seedVerdict()), text);
    }

    @Test
    void freeRunningRunsAreTheUnitsAndRunPairsMatchByPositionAndTurn() {
        // run 2 of B failed turn 3: that turn has no pair in run 2
        List<SessionReport> a = List.of(report("f16", 42, false, 0.5, 0.6, 0.7),
                report("f16", 43, false, 0.55, 0.65, 0.75));
        List<SessionReport> b = List.of(report("q8_0", 42, false, 0.6, 0.62, 0.9),
                report("q8_0", 43, false, 0.5, 0.7));

        RepeatedComparison c = RepeatedComparison.of(a, b);

        MetricDelta q = c.quality();
        assertEquals(5, q.pairs());
        double[] meansA = {0.6, 0.65};
        double[] meansB = {(0.6 + 0.62 + 0.9) / 3, 0.6};
        assertEquals(RunMeansTest.of(meansA, meansB, new double[0], 0.96), q.inference(),
                "one mean per run, every answered turn of the run");
        assertEquals(2, q.inference().degreesOfFreedom());
        assertEquals(new Pair<>(List.of(42L, 43L), List.of(42L, 43L)), c.seeds());
        assertEquals(List.of(2, 2, 1), c.perTurn().stream().map(TurnDelta::pairs).toList());
        assertEquals((0.6 - 0.5 + (0.5 - 0.55)) / 2, c.perTurn().get(0).deltas().get("quality_score"), 1e-15);
        assertNull(c.changeTest(), "2 free-running pairs: no change test");
        assertTrue(c.notes().contains("no change test: free-running run pairs are tested as wholes, which needs 7 or "
                + "more distinct pairs to reach its level, not 2"), c.notes().toString());
    }

    @Test
    void sharedHistoryTestsThePerTurnDifferencesWithOneRunPerArm() {
        Random noise = new Random(4);
        SessionReport a = report("f16", 42, true, noisy(noise, 40, 0.7, Integer.MAX_VALUE));
        SessionReport b = report("q8_0", 42, true, noisy(noise, 40, 0.7, Integer.MAX_VALUE));

        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));

        assertEquals(Design.SHARED_HISTORY, c.design());
        double[] d = new double[40];
        for (int t = 0; t < 40; t++) {
            d[t] = b.turnMetrics().get(t).qualityScore() - a.turnMetrics().get(t).qualityScore();
        }
        assertEquals(SeriesMeanTest.of(List.of(d), 0.96), c.quality().inference());
        assertEquals(VerdictKind.NO_DIFFERENCE, c.verdict().kind(), c.verdict().text());
        assertTrue(c.verdict().text().startsWith("no difference (quality delta "), c.verdict().text());
        assertEquals(40, c.changeTest().turns());
        assertNull(c.drop());
    }

    @Test
    void aDropFromTurn20IsLocatedWithASetAndMakesTheBaselineBetter() {
        Random noise = new Random(2);
        SessionReport a = report("f16", 42, true, noisy(noise, 40, 0.7, Integer.MAX_VALUE));
        SessionReport b = report("q4_0", 42, true, noisy(noise, 40, 0.7, 20));

        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));

        DropLocation drop = c.drop();
        assertEquals(20, drop.turn(), drop.toString());
        assertTrue(drop.firstInSet() <= 20 && 20 <= drop.lastInSet(), drop.toString());
        assertTrue(drop.pValue() <= VerdictLevels.DEFAULT.changeTest(), drop.toString());
        assertTrue(drop.meanAfter() < -0.3 && Math.abs(drop.meanBefore()) < 0.05, drop.toString());
        assertEquals(VerdictKind.BASELINE_BETTER, c.verdict().kind());
        assertTrue(c.verdict().text().startsWith("f16 is better: q4_0's quality fell away from turn 20 (approximate 95% "
                + "set: "), c.verdict().text());
        Map<String, Object> json = RepeatedComparisonJson.tree(c);
        @SuppressWarnings("unchecked")
        Map<String, Object> dropJson = (Map<String, Object>) json.get("drop");
        assertEquals(List.of("turn", "turn_set", "turn_set_level", "p_value", "mean_delta_before",
                "mean_delta_after"), new ArrayList<>(dropJson.keySet()));
        assertEquals("baseline_better", json.get("verdict_kind"));
    }

    @Test
    void aLeadThatFadesIsNoDrop() {
        double[] ahead = new double[50];
        double[] level = new double[50];
        Random noise = new Random(12);
        for (int t = 0; t < 50; t++) {
            level[t] = 0.6 + (noise.nextDouble() - 0.5) * 0.02;
            ahead[t] = level[t] + (t < 25 ? 0.1 : 0.0) + (noise.nextDouble() - 0.5) * 0.02;
        }
        RepeatedComparison c = RepeatedComparison.of(List.of(report("f16", 42, true, level)),
                List.of(report("q8_0", 42, true, ahead)));
        assertTrue(c.changeTest().pValue() <= 0.01, "the change test sees the change: " + c.changeTest());
        assertNull(c.drop(), "q8_0 was better, then as good: it never fell below f16");
        assertTrue(c.verdict().kind() != VerdictKind.BASELINE_BETTER, c.verdict().text());
    }

    @Test
    void greedyRepeatsAreOneRunByTheirTemperature() {
        List<SessionReport> a = new ArrayList<>();
        List<SessionReport> b = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            a.add(greedy(report("f16", 42 + r, true, noisy(new Random(20 + r), 20, 0.7, Integer.MAX_VALUE))));
            b.add(greedy(report("q8_0", 42 + r, true, noisy(new Random(30 + r), 20, 0.7, Integer.MAX_VALUE))));
        }
        RepeatedComparison c = RepeatedComparison.of(a, b);
        RepeatedComparison first = RepeatedComparison.of(a.subList(0, 1), b.subList(0, 1));
        assertEquals(first.quality().inference(), c.quality().inference(), "repeats that differ a little are no replicates");
        assertEquals("3 repeats counted as 1: decoding was greedy (temperature 0), so every seed plays the same "
                + "conversation", c.notes().get(0));
    }

    @Test
    void aLevelDifferenceFromTheFirstTurnIsAWorseMeanNotADrop() {
        Random noise = new Random(3);
        SessionReport a = report("f16", 42, true, noisy(noise, 30, 0.7, Integer.MAX_VALUE));
        SessionReport b = report("q4_0", 42, true, noisy(noise, 30, 0.5, Integer.MAX_VALUE));
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));
        assertTrue(c.quality().significant());
        assertNull(c.drop(), String.valueOf(c.drop()));
        assertEquals(VerdictKind.BASELINE_BETTER, c.verdict().kind());
        assertTrue(c.verdict().text().startsWith("f16 is better by 0.2"), c.verdict().text());
    }

    @Test
    void greedyRepeatsThatAreOneRunAreCountedOnce() {
        SessionReport a = report("f16", 42, false, noisy(new Random(5), 20, 0.7, Integer.MAX_VALUE));
        SessionReport b = report("q8_0", 42, false, noisy(new Random(6), 20, 0.6, Integer.MAX_VALUE));
        List<SessionReport> as = List.of(a, reseeded(a, 43), reseeded(a, 44));
        List<SessionReport> bs = List.of(b, reseeded(b, 43), reseeded(b, 44));

        RepeatedComparison free = RepeatedComparison.of(as, bs);
        assertEquals(VerdictKind.INCONCLUSIVE, free.verdict().kind(), "three identical runs are one run");
        assertTrue(free.notes().contains("3 runs of f16 counted as 1: they are identical"), free.notes().toString());

        RepeatedComparison shared = RepeatedComparison.of(as.stream().map(RepeatedComparisonTest::shared).toList(),
                bs.stream().map(RepeatedComparisonTest::shared).toList());
        RepeatedComparison once = RepeatedComparison.of(List.of(shared(a)), List.of(shared(b)));
        assertEquals(once.quality().inference(), shared.quality().inference(), "not three times the evidence");
        assertTrue(shared.notes().get(0).startsWith("3 run pairs counted as 1"), shared.notes().toString());
    }

    @Test
    void turnsWhoseSavedPromptsDifferAreLeftOut() {
        SessionReport a = withPrompts(report("f16", 42, true, 0.7, 0.6, 0.5), "p1", "p2", "p3");
        SessionReport b = withPrompts(report("q8_0", 42, true, 0.7, 0.6, 0.1), "p1", "p2", "another");
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));
        assertEquals(2, c.quality().pairs());
        assertEquals("1 turn left out: the two runs asked different prompts there", c.notes().get(0));
    }

    @Test
    void secondaryMetricsAreHolmAdjustedAndNeverDecide() {
        Random noise = new Random(8);
        SessionReport a = report("f16", 42, true, noisy(noise, 30, 0.7, Integer.MAX_VALUE));
        SessionReport b = report("q8_0", 42, true, noisy(noise, 30, 0.7, Integer.MAX_VALUE));
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));
        assertTrue(c.quality().primary());
        assertTrue(Double.isNaN(c.quality().pValueHolm()));
        for (MetricDelta m : c.metrics().subList(1, c.metrics().size())) {
            assertFalse(m.primary(), m.metric());
            assertTrue(m.pValueHolm() >= m.pValue() || Double.isNaN(m.pValue()), m.toString());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> length = (Map<String, Object>) ((Map<String, Object>) RepeatedComparisonJson.tree(c)
                .get("metrics")).get("response_length");
        assertEquals("secondary", length.get("role"));
        assertTrue(length.containsKey("p_value_holm"));
    }

    @Test
    void theJsonSaysTheDesignTheMethodsAndTheVerdictKind() {
        SessionReport a = report("f16", 42, false, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4);
        SessionReport b = report("q8_0", 42, false, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7);
        Map<String, Object> json = RepeatedComparisonJson.tree(RepeatedComparison.of(List.of(a), List.of(b)));
        assertEquals(List.of("labels", "avg_quality", "min_quality", "degradation_events", "first_degradation",
                "hallucinated_refs", "repetition_ratio", "quality_delta", "seed_verdict", "failed_turns", "design",
                "methods", "runs", "seeds", "metrics", "per_turn", "change_test", "drop", "verdict_kind", "verdict",
                "notes"), new ArrayList<>(json.keySet()));
        assertEquals("free_running", json.get("design"));
        assertEquals("inconclusive", json.get("verdict_kind"));
        @SuppressWarnings("unchecked")
        Map<String, Object> methods = (Map<String, Object>) json.get("methods");
        assertEquals("run", methods.get("unit"));
        assertEquals(RepeatedComparisonJson.FREE_MEAN_TEST, methods.get("mean_test"));
        assertEquals(Map.of("verdict", 0.05, "mean_test", 0.04, "change_test", 0.01, "drop_set", 0.95),
                methods.get("levels"));
    }

    @Test
    void noiseFloorRunsAreReplicatesFreeRunningAndAComparisonInSharedHistory() {
        Random noise = new Random(9);
        List<SessionReport> a = new ArrayList<>();
        List<SessionReport> b = new ArrayList<>();
        List<SessionReport> n = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            a.add(report("f16", 42 + r, false, noisy(noise, 12, 0.7, Integer.MAX_VALUE)));
            b.add(report("q8_0", 42 + r, false, noisy(noise, 12, 0.7, Integer.MAX_VALUE)));
            n.add(report("f16", 44 + r, false, noisy(noise, 12, 0.7, Integer.MAX_VALUE)));
        }
        RepeatedComparison free = RepeatedComparison.of(a, b, n, Design.FREE_RUNNING,
                RepeatedComparison.DEFAULT_METRICS, VerdictLevels.DEFAULT);
        assertEquals(3, free.quality().inference().degreesOfFreedom(), "1 + 1 from the arms, 1 from the reruns");
        assertNull(free.versusNoiseFloor());
        assertEquals(List.of(44L, 45L), free.noiseFloor().seeds().b());

        RepeatedComparison shared = RepeatedComparison.of(a, b, n, Design.SHARED_HISTORY,
                RepeatedComparison.DEFAULT_METRICS, VerdictLevels.DEFAULT);
        assertEquals(SeriesMeanTest.of(List.of(differences(n.get(0), b.get(0)), differences(n.get(1), b.get(1))),
                0.96), shared.versusNoiseFloor());
        assertTrue(RepeatedComparisonText.render(shared).contains("Versus the noise floor (q8_0 minus the baseline's "
                + "reruns): "), RepeatedComparisonText.render(shared));
    }

    @Test
    void sidesOfDifferentSizesAreRefusedInOneLine() {
        SessionReport a = report("f16", 42, false, 0.7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepeatedComparison.of(List.of(a, a), List.of(a)));
        assertEquals("runs are paired by position: side A has 2 reports and side B 1; give both sides the same number",
                e.getMessage());
    }

    @Test
    void aHundredThousandTurnsAreCompared() {
        double[] scores = noisy(new Random(10), 100_000, 0.7, Integer.MAX_VALUE);
        SessionReport a = report("f16", 42, true, scores);
        SessionReport b = report("q8_0", 42, true, noisy(new Random(11), 100_000, 0.7, Integer.MAX_VALUE));
        RepeatedComparison c = RepeatedComparison.of(List.of(a), List.of(b));
        assertEquals(100_000, c.quality().pairs());
        assertEquals(100_000, c.perTurn().size());
        assertEquals(100_000, c.changeTest().turns());
    }

    /** Scores around {@code level} with noise of ±0.08; from {@code dropFrom} on 0.4 lower. */
    static double[] noisy(Random random, int turns, double level, int dropFrom) {
        double[] scores = new double[turns];
        for (int t = 1; t <= turns; t++) {
            double score = level + (random.nextDouble() - 0.5) * 0.16 - (t >= dropFrom ? 0.4 : 0);
            scores[t - 1] = Math.round(score * 1000) / 1000.0;
        }
        return scores;
    }

    static SessionReport report(String kv, long seed, boolean shared, double... scores) {
        List<TurnMetrics> turns = Turns.scored(scores);
        List<DegradationAlert> alerts = new DegradationDetector().detect(turns);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("seed", seed);
        if (shared) {
            extra.put(RunConfig.SHARED_HISTORY_FROM, "f16");
        }
        return new SessionReport(new RunConfig("scripted", "m", kv, scores.length, 20, "t", extra),
                turns, alerts, Summaries.of(turns, alerts, 0), List.of(), List.of());
    }

    private static SessionReport greedy(SessionReport r) {
        return new SessionReport(r.config().withExtra("temperature", 0.0), r.turnMetrics(), r.degradationAlerts(),
                r.summary(), r.responses(), r.failedTurns());
    }

    private static SessionReport reseeded(SessionReport r, long seed) {
        return new SessionReport(r.config().withExtra("seed", seed), r.turnMetrics(), r.degradationAlerts(),
                r.summary(), r.responses(), r.failedTurns());
    }

    private static SessionReport shared(SessionReport r) {
        return new SessionReport(r.config().withExtra(RunConfig.SHARED_HISTORY_FROM, "f16"), r.turnMetrics(),
                r.degradationAlerts(), r.summary(), r.responses(), r.failedTurns());
    }

    private static SessionReport withPrompts(SessionReport r, String... prompts) {
        List<SavedResponse> saved = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            saved.add(new SavedResponse(i + 1, "code_gen", prompts[i], "answer"));
        }
        return new SessionReport(r.config(), r.turnMetrics(), r.degradationAlerts(), r.summary(), saved,
                r.failedTurns());
    }

    private static double[] differences(SessionReport x, SessionReport y) {
        double[] d = new double[x.turnMetrics().size()];
        for (int t = 0; t < d.length; t++) {
            d[t] = y.turnMetrics().get(t).qualityScore() - x.turnMetrics().get(t).qualityScore();
        }
        return d;
    }
}
