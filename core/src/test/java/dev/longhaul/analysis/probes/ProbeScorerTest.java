package dev.longhaul.analysis.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.ChatMessage;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.script.Plant;
import dev.longhaul.script.Probe;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.script.TurnMarks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeScorerTest {

    private static final Probe PROBE = new Probe("name", List.of("TokenBucketPro", "TBP"));

    private static TurnMetrics answered(int turn, String plantKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quality_score", 0.5);
        if (plantKey != null) {
            values.put("plant_key", plantKey);
        }
        return new TurnMetrics(turn, "p", values);
    }

    private static List<ChatMessage> sent(String... history) {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        Arrays.stream(history).forEach(h -> messages.add(ChatMessage.assistant(h)));
        messages.add(ChatMessage.user("What did we call it? Not TokenBucketPro, surely."));
        return messages;
    }

    private static Map<String, Object> probeAt(int turn, List<ChatMessage> sent, String response, List<TurnMetrics> earlier) {
        return ProbeScorer.score(new ScriptedTurn(turn, "p", "What did we call it?", TurnMarks.probing(PROBE)), sent,
                response, earlier);
    }

    @Test
    void anOrdinaryTurnAddsNothing() {
        assertEquals(Map.of(), ProbeScorer.score(new ScriptedTurn(1, "p", "Write code."), sent(), "code", List.of()));
    }

    @Test
    void aPlantTurnNamesItsKeyAndIsExcluded() {
        Map<String, Object> values = ProbeScorer.score(new ScriptedTurn(3, "p", "Call it TBP.",
                TurnMarks.planting(new Plant("name", "TBP"))), sent(), "OK", List.of());
        assertEquals(List.of("excluded_from_quality", "plant_key"), List.copyOf(values.keySet()));
        assertEquals("name", values.get("plant_key"));
        assertEquals(Map.of("plant_key", "name"), ProbeScorer.score(new ScriptedTurn(3, "p", "Call it TBP.",
                new TurnMarks(new Plant("name", "TBP"), null, false)), sent(), "OK", List.of()));
    }

    @Test
    void measuresTheDistanceFromTheLatestAnsweredPlant() {
        List<TurnMetrics> earlier = List.of(answered(2, "name"), answered(3, null), answered(6, "name"),
                answered(7, "other"));
        Map<String, Object> values = probeAt(10, sent("We call it TokenBucketPro."), "It is tokenbucketpro.", earlier);
        assertEquals(List.of("excluded_from_quality", "probe_key", "probe_distance_turns", "probe_in_context",
                "probe_recalled"), List.copyOf(values.keySet()));
        assertEquals(List.of(true, "name", 4, true, true), List.copyOf(values.values()));
    }

    @Test
    void inContextLooksAtTheHistoryOnlyNotTheProbesOwnPrompt() {
        Map<String, Object> values = probeAt(5, sent("Something else."), "No idea.", List.of(answered(1, "name")));
        assertEquals(false, values.get("probe_in_context"), "the prompt itself names it, the history does not");
        assertEquals(false, values.get("probe_recalled"));
        assertEquals(4, values.get("probe_distance_turns"));
        assertEquals(true, probeAt(5, sent("a", "b: TBP"), "TBPs", List.of()).get("probe_in_context"));
        assertEquals(false, probeAt(5, sent("a", "b: TBP"), "TBPs", List.of()).get("probe_recalled"), "whole word");
    }

    @Test
    void withoutAnAnsweredPlantTheDistanceIsNull() {
        Map<String, Object> values = probeAt(5, sent(), "TBP", List.of(answered(1, "other")));
        assertEquals(true, values.containsKey("probe_distance_turns"));
        assertEquals(null, values.get("probe_distance_turns"));
        assertEquals(true, values.get("probe_recalled"));
    }
}
