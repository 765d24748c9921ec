package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.DegradationDetector;
import dev.longhaul.analysis.Summaries;
import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.ProbeRecall.Tally;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.testing.ScriptedBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's conversation with the default recall probes, played against the scripted backend. */
class ProbesSessionTest {

    @TempDir
    Path dir;

    /** A recall cue (the probe's question) and its fact (the planted value) for every default probe but one. */
    private static Map<String, String> recallAllBut(String forgottenKey) {
        Map<String, String> planted = new HashMap<>();
        Map<String, String> cues = new LinkedHashMap<>();
        for (ScriptedTurn t : Script.seedWithProbes().turns(62)) {
            if (t.marks().plant() != null) {
                planted.put(t.marks().plant().key(), t.marks().plant().value());
            }
            if (t.marks().probe() != null && !t.marks().probe().key().equals(forgottenKey)) {
                cues.put(t.prompt(), planted.get(t.marks().probe().key()));
            }
        }
        return cues;
    }

    private static SessionBuilder probes(ScriptedBackend backend) {
        return LongSession.builder().backend(backend, "scripted").probes().delay(Duration.ZERO);
    }

    private static TurnMetrics turn(SessionReport report, int turn) {
        return report.turnMetrics().stream().filter(t -> t.turn() == turn).findFirst().orElseThrow();
    }

    @Test
    void keepsTheSeedsFiftyPromptsInOrderAmongSixtyTwoTurns() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport report = probes(backend).run();

        assertEquals(62, report.config().totalTurns());
        assertEquals("seed+probes", report.config().extra().get("script"));
        assertEquals(62, backend.requests().size());
        List<String> prompts = backend.requests().stream().map(r -> r.last().content()).toList();
        List<String> seed = Script.seed().turns(50).stream().map(ScriptedTurn::prompt).toList();
        List<Integer> inserted = List.of(2, 5, 10, 14, 16, 22, 24, 26, 35, 43, 45, 60);
        List<String> withoutInserted = new java.util.ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            if (!inserted.contains(i + 1)) {
                withoutInserted.add(prompts.get(i));
            }
        }
        assertEquals(seed, withoutInserted);
        for (int t : inserted) {
            assertTrue(turn(report, t).excludedFromQuality(), "turn " + t);
            assertFalse(seed.contains(prompts.get(t - 1)), "turn " + t);
        }
        assertEquals(50, report.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).count());
    }

    @Test
    void excludedTurnsStayOutOfDetectionAndTheSummary() throws Exception {
        // degraded answers from turn 40 on: alerts, and the short recall answers would drop too if they counted
        SessionReport report = probes(new ScriptedBackend(Set.of(), 40, null).recalling(recallAllBut(null))).run();
        List<TurnMetrics> measured = report.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).toList();

        assertEquals(new DegradationDetector().detect(measured).stream().map(a -> a.turn()).toList(),
                report.degradationAlerts().stream().map(a -> a.turn()).toList());
        assertFalse(report.degradationAlerts().isEmpty());
        assertTrue(report.degradationAlerts().stream().noneMatch(a -> turn(report, a.turn()).excludedFromQuality()));
        assertEquals(Summaries.of(measured, report.degradationAlerts(), 0), report.summary());
        assertTrue(report.summary().avgQualityScore() != Summaries.of(report.turnMetrics(), List.of(), 0).avgQualityScore(),
                "the excluded turns would change the average");
    }

    @Test
    void recallsWhatIsStillInTheWindowAndMissesTheRestPerDistance() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy().recalling(recallAllBut("metrics_namespace"));
        SessionReport report = probes(backend).historyWindow(20).run();

        TurnMetrics burst = turn(report, 5);
        assertEquals("burst_constant", burst.values().get("probe_key"));
        assertEquals(3, burst.values().get("probe_distance_turns"));
        assertEquals(true, burst.values().get("probe_in_context"));
        assertEquals(true, burst.values().get("probe_recalled"));
        assertEquals("burst_constant", turn(report, 2).values().get("plant_key"));
        TurnMetrics forgotten = turn(report, 22);
        assertEquals(List.of(12, true, false), List.of(forgotten.values().get("probe_distance_turns"),
                forgotten.values().get("probe_in_context"), forgotten.values().get("probe_recalled")));
        TurnMetrics beyondWindow = turn(report, 43);
        assertEquals(List.of(27, false, false), List.of(beyondWindow.values().get("probe_distance_turns"),
                beyondWindow.values().get("probe_in_context"), beyondWindow.values().get("probe_recalled")));

        ProbeRecall recall = ProbeRecall.of(report.turnMetrics()).orElseThrow();
        assertEquals(new Tally(6, 3), recall.all());
        assertEquals(0.5, recall.all().recall());
        assertEquals(new Tally(4, 3), recall.inContext());
        assertEquals(new Tally(2, 0), recall.outOfContext());
        assertEquals(Map.of("1-5", new Tally(1, 1), "6-10", new Tally(1, 1), "11-20", new Tally(2, 1),
                "21+", new Tally(2, 0)), recall.byDistance());
        assertEquals(0, recall.unplanted());

        String json = ReportCodec.toJson(report);
        assertTrue(json.contains("\"probes\": {\n    \"probed\": 6,\n    \"recalled\": 3,\n    \"recall\": 0.5,"), json);
        assertTrue(json.endsWith("\"unplanted\": 0\n  },\n  \"longhaul_report\": 1\n}"));
    }

    @Test
    void aWiderWindowKeepsEveryFactInContext() throws Exception {
        SessionReport report = probes(ScriptedBackend.healthy().recalling(recallAllBut(null))).historyWindow(62).run();
        ProbeRecall recall = ProbeRecall.of(report.turnMetrics()).orElseThrow();
        assertEquals(new Tally(6, 6), recall.all());
        assertEquals(new Tally(0, 0), recall.outOfContext());
        assertNull(recall.outOfContext().recall());
    }

    @Test
    void aProbeWhosePlantFailedIsUnplanted() throws Exception {
        SessionReport report = probes(new ScriptedBackend(Set.of(2), Integer.MAX_VALUE, null)
                .recalling(recallAllBut(null))).run();
        TurnMetrics probe = turn(report, 5);
        assertTrue(probe.values().containsKey("probe_distance_turns"));
        assertNull(probe.values().get("probe_distance_turns"));
        assertEquals(false, probe.values().get("probe_recalled"));
        ProbeRecall recall = ProbeRecall.of(report.turnMetrics()).orElseThrow();
        assertEquals(1, recall.unplanted());
        assertEquals(5, recall.all().probed());
    }

    @Test
    void turnsCanBeSetAfterProbesAndAReportWithoutProbesHasNoProbesObject() throws Exception {
        SessionReport report = probes(ScriptedBackend.healthy()).turns(6).run();
        assertEquals(6, report.turnMetrics().size());
        assertEquals(1, ProbeRecall.of(report.turnMetrics()).orElseThrow().all().probed());

        SessionReport plain = LongSession.builder().backend(ScriptedBackend.healthy(), "scripted").turns(3)
                .delay(Duration.ZERO).run();
        assertTrue(ProbeRecall.of(plain.turnMetrics()).isEmpty());
        assertFalse(ReportCodec.toJson(plain).contains("probes"));
    }

    @Test
    void aResumedRunKeepsThePlantsAndProbes() throws Exception {
        Map<String, String> cues = recallAllBut("metrics_namespace");
        SessionReport uninterrupted = probes(ScriptedBackend.healthy().recalling(cues)).run();

        Path file = dir.resolve("probes.turns.jsonl");
        probes(ScriptedBackend.healthy().recalling(cues)).checkpoint(file).run();
        // keep the start line and 19 turns, as if the run had been killed during turn 20
        Files.write(file, Files.readAllLines(file).subList(0, 20));
        ScriptedBackend takeover = ScriptedBackend.healthy().recalling(cues).continuingAfter(19);
        SessionReport resumed = LongSession.builder().resume(file).backend(takeover, "scripted").run();

        assertEquals(43, takeover.requests().size());
        assertEquals(uninterrupted.turnMetrics(), resumed.turnMetrics());
        assertEquals(uninterrupted.summary(), resumed.summary());
        assertEquals(ProbeRecall.of(uninterrupted.turnMetrics()), ProbeRecall.of(resumed.turnMetrics()));
    }
}
