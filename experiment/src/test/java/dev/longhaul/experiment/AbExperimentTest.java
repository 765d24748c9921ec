package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.VerdictKind;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbExperimentTest {

    private final List<NoisyBackend> created = new ArrayList<>();

    private BackendFactory noisy(long salt, int dropFrom, Set<Integer> failTurns) {
        return seed -> {
            NoisyBackend b = new NoisyBackend(seed * 31 + salt, dropFrom, failTurns);
            created.add(b);
            return b;
        };
    }

    private BackendFactory noisy(long salt) {
        return noisy(salt, Integer.MAX_VALUE, Set.of());
    }

    private static AbExperiment.Builder experiment(int turns) {
        return AbExperiment.builder().session(b -> b.turns(turns).historyWindow(4).delay(Duration.ZERO));
    }

    @Test
    void repeatsUseSeedsSAndUpAndTheNoiseFloorTheNextOnes() throws Exception {
        List<String> started = new ArrayList<>();
        ExperimentResult result = experiment(3)
                .arm("f16", BackendConfig.builder("scripted").kvType("f16").seed(999L).build())
                .arm("q8_0", BackendConfig.builder("scripted").kvType("q8_0").build())
                .seed(7).repeats(3).noiseFloor(true)
                .listener(new ExperimentListener() {
                    @Override
                    public void onRunStart(ArmRun run) {
                        started.add(run.tag() + "@" + run.seed());
                    }
                })
                .run();

        assertEquals(List.of("f16 r1@7", "q8_0 r1@7", "f16 noise r1@10", "f16 r2@8", "q8_0 r2@8", "f16 noise r2@11",
                "f16 r3@9", "q8_0 r3@9", "f16 noise r3@12"), started, "repeat by repeat, arms in order, then noise");
        assertEquals(List.of(7L, 8L, 9L), result.seeds());
        assertEquals(List.of(10L, 11L, 12L), result.noiseFloorSeeds());
        for (String label : List.of("f16", "q8_0")) {
            assertEquals(List.of(7L, 8L, 9L), result.reports(label).stream().map(AbExperimentTest::seed).toList());
            assertEquals(List.of(1, 2, 3), result.reports(label).stream()
                    .map(r -> r.config().extra().get("ab_repeat")).toList());
            assertEquals(label, result.reports(label).get(0).config().kvType());
        }
        assertEquals(List.of(10L, 11L, 12L), result.noiseFloorReports().stream().map(AbExperimentTest::seed).toList());
        assertEquals("noise_floor", result.noiseFloorReports().get(0).config().extra().get("ab_role"));
        RepeatedComparison c = result.comparisons().get(0);
        assertEquals(3, c.runs());
        assertEquals(List.of(7L, 8L, 9L), c.seeds().b());
        assertEquals(List.of(10L, 11L, 12L), c.noiseFloor().seeds().b());
    }

    /**
     * A comparison's labels are its reports' KV types, which need not be the arms' labels (the embedded backend
     * writes the type llama.cpp applied: lower case, "k/v" when the two differ): the document's summary named the
     * arm by the comparison's label and failed with "no arm 'q8_0'" after the whole study.
     */
    @Test
    void theComparisonDocumentNamesArmsByTheirLabelsWhateverKvTypeTheirReportsCarry() throws Exception {
        ExperimentResult result = experiment(3)
                .arm("F16", BackendConfig.builder("scripted").kvType("f16").build())
                .arm("Q8_0", BackendConfig.builder("scripted").kvType("q8_0").build())
                .run();
        assertEquals("q8_0", result.comparisons().get(0).labels().b(), "the reports' own label");

        ComparisonDocument document = ComparisonDocument.of(result, List.of(), 1, false, true);

        assertEquals(List.of("F16", "Q8_0"), document.summary().rows().stream().map(r -> r.arm().label()).toList());
    }

    @Test
    void anAaComparisonWithInjectedNoiseIsNoSignificantDifference() throws Exception {
        ExperimentResult result = experiment(30).arm("a", noisy(1)).arm("b", noisy(2)).repeats(3).noiseFloor(true)
                .run();

        RepeatedComparison c = result.comparisons().get(0);
        assertEquals(90, c.quality().pairs());
        assertTrue(c.quality().interval().high() - c.quality().interval().low() > 0.01, "the noise is real");
        assertFalse(c.quality().significant(), c.quality().toString());
        assertTrue(c.quality().pValue() > 0.05, c.quality().toString());
        assertEquals(VerdictKind.NO_DIFFERENCE, c.verdict().kind(), c.verdict().text());
        assertEquals(Design.FREE_RUNNING, c.design());
        assertEquals(6, c.quality().inference().degreesOfFreedom(), "2 + 2 from the arms, 2 from the reruns");
        assertFalse(result.noiseFloor().quality().significant(), result.noiseFloor().quality().toString());
        assertNull(c.drop());
        assertTrue(created.stream().allMatch(NoisyBackend::closed), "every backend closed after its run");
    }

    @Test
    void anArmWithADropFromTurn20IsJudgedWorseOnItsRunMeans() throws Exception {
        ExperimentResult result = experiment(30).arm("f16", noisy(1)).arm("q4_0", noisy(1, 20, Set.of())).repeats(2)
                .noiseFloor(true).run();

        RepeatedComparison c = result.comparisons().get(0);
        assertTrue(c.quality().significant());
        assertTrue(c.quality().interval().high() < 0, c.quality().toString());
        assertEquals(VerdictKind.BASELINE_BETTER, c.verdict().kind(), c.verdict().text());
        assertTrue(c.verdict().text().startsWith("f16 is better by "), c.verdict().text());
        assertNull(c.drop(), "two free-running pairs are too few to locate a drop");
        assertTrue(c.perTurn().get(19).deltas().get("quality_score") < -0.2);
    }

    @Test
    void sharedHistoryAsksEveryArmTheBaselinesConversationAndMeasuresEachAnswer() throws Exception {
        List<SharedTurn> observed = new ArrayList<>();
        ExperimentResult result = experiment(6)
                .arm("f16", noisy(1)).arm("q8_0", noisy(2)).arm("q4_0", noisy(3, 4, Set.of()))
                .sharedHistory(true).noiseFloor(true).repeats(2)
                .observer(turn -> {
                    observed.add(turn);
                    return Map.of("same_answer", turn.armAnswer().equals(turn.baselineAnswer()) ? 1 : 0);
                })
                .run();

        assertEquals(8, created.size(), "4 runs per repeat");
        for (int repeat = 0; repeat < 2; repeat++) {
            NoisyBackend baseline = created.get(4 * repeat);
            assertEquals(6, baseline.requests().size());
            assertEquals(9, baseline.requests().get(5).messages().size(), "a window of 4 turns + the prompt");
            for (int arm = 1; arm < 4; arm++) {
                assertEquals(baseline.requests(), created.get(4 * repeat + arm).requests(),
                        "repeat " + (repeat + 1) + " run " + arm + " answered the baseline's conversations");
            }
        }
        assertEquals(2 * 6 * 3, observed.size(), "every non-baseline answer of every turn measured");
        assertEquals(observed.get(4 * 3).baselineAnswer(), created.get(0).requests().get(5).messages().get(7).content(),
                "the history holds the baseline's answers");
        SharedTurn first = observed.get(0);
        assertEquals("f16", first.baselineLabel());
        assertEquals("q8_0", first.arm().label());
        assertEquals(created.get(0), first.baselineBackend());
        assertEquals(created.get(1), first.armBackend());
        SessionReport q8 = result.reports("q8_0").get(0);
        TurnMetrics turn1 = q8.turnMetrics().get(0);
        assertEquals(first.armAnswer().equals(first.baselineAnswer()) ? 1 : 0, turn1.values().get("same_answer"));
        assertFalse(result.reports("f16").get(0).turnMetrics().get(0).values().containsKey("same_answer"));
        assertEquals("f16", q8.config().extra().get("shared_history_from"));

        assertEquals(1, result.noiseFloorReports().get(0).turnMetrics().get(0).values().get("same_answer") == null
                ? 0 : 1, "the noise-floor run was measured too");
        RepeatedComparison c = result.comparisons().get(0);
        assertEquals(Design.SHARED_HISTORY, c.design());
        assertEquals(VerdictKind.INCONCLUSIVE, c.verdict().kind(), "6 turns: too few for an interval");
        assertNull(c.changeTest());
    }

    @Test
    void sharedHistoryLocatesAnArmsDropWithOneRunPerArm() throws Exception {
        ExperimentResult result = experiment(24).arm("f16", noisy(1)).arm("q4_0", noisy(1, 15, Set.of()))
                .sharedHistory(true).run();
        RepeatedComparison c = result.comparisons().get(0);
        assertEquals(24, c.quality().pairs());
        assertEquals(15, c.drop().turn(), String.valueOf(c.drop()));
        assertEquals(VerdictKind.BASELINE_BETTER, c.verdict().kind(), c.verdict().text());
    }

    @Test
    void theBaselineStoppingStopsTheOtherArms() throws Exception {
        ExperimentResult result = experiment(10)
                .session(b -> b.turns(10).historyWindow(4).delay(Duration.ZERO).maxConsecutiveFailures(2))
                .arm("f16", noisy(1, Integer.MAX_VALUE, Set.of(3, 4))).arm("q8_0", noisy(2))
                .sharedHistory(true).run();

        assertEquals("2 consecutive failed turns (last: HTTP 500 on turn 4)",
                result.reports("f16").get(0).config().extra().get("stopped_early"));
        SessionReport q8 = result.reports("q8_0").get(0);
        assertEquals("the baseline stopped: 2 consecutive failed turns (last: HTTP 500 on turn 4)",
                q8.config().extra().get("stopped_early"));
        assertEquals(4, q8.turnMetrics().size(), "the arm answered turns 1-4, also those the baseline failed");
        assertTrue(result.stoppedEarly());
        assertEquals(2, result.comparisons().get(0).quality().pairs());
    }

    @Test
    void aLauncherAddsReportKeysAndItsResourcesCloseAfterEachRun() throws Exception {
        List<String> closed = new ArrayList<>();
        Arm launched = new Arm("q8_0", run -> LaunchedArm.of(new NoisyBackend(run.seed()))
                .withReportExtras(Map.of("server_log", run.tag() + ".server.log"))
                .closing(() -> closed.add(run.tag())));
        ExperimentResult result = experiment(2).arm("f16", noisy(1)).arm(launched).repeats(2).run();

        assertEquals(List.of("q8_0 r1", "q8_0 r2"), closed);
        assertEquals("q8_0 r2.server.log", result.reports("q8_0").get(1).config().extra().get("server_log"));
        assertEquals("q8_0", result.reports("q8_0").get(0).config().kvType(), "labelled by the arm");
        assertEquals(List.of(42L, 43L), result.reports("q8_0").stream().map(AbExperimentTest::seed).toList(),
                "the run's seed recorded for a backend built without a config");
    }

    @Test
    void anExperimentNeedsTwoArmsOrANoiseFloor() {
        AbExperiment.Builder one = experiment(3).arm("f16", noisy(1));
        assertEquals("an experiment needs at least two arms, or one with noiseFloor(true); got 1",
                assertThrows(IllegalStateException.class, one::build).getMessage());
        assertEquals("arm 'f16' is listed twice",
                assertThrows(IllegalArgumentException.class, () -> one.arm("f16", noisy(2))).getMessage());
        one.noiseFloor(true).build();
    }

    private static Long seed(SessionReport report) {
        return ((Number) report.config().extra().get("seed")).longValue();
    }
}
