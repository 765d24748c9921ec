package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnScore;
import dev.longhaul.script.Phase;
import dev.longhaul.script.Script;
import dev.longhaul.testing.ScriptedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSessionTest {

    private final List<Duration> sleeps = new ArrayList<>();

    private SessionBuilder session(ScriptedBackend backend) {
        return LongSession.builder().backend(backend, "scripted").sleeper(sleeps::add);
    }

    @Test
    void playsTheSeedScriptCycledToTheRequestedTurns() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport report = session(backend).turns(53).historyWindow(0).delay(Duration.ZERO).run();

        assertEquals(53, report.turnMetrics().size());
        List<String> prompts = backend.requests().stream().map(r -> r.last().content()).toList();
        List<String> seed = Script.seed().turns(50).stream().map(t -> t.prompt()).toList();
        assertEquals(seed, prompts.subList(0, 50));
        assertEquals(seed.subList(0, 3), prompts.subList(50, 53));
        assertEquals("code_gen", report.turnMetrics().get(0).phase());
        assertEquals("iteration", report.turnMetrics().get(49).phase());
        assertEquals("code_gen", report.turnMetrics().get(50).phase());
    }

    @Test
    void aSlideDropsSeveralTurnsAtOnceSoThatThePromptsStartStaysTheSameBetweenDrops() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        SessionReport report = session(backend).turns(10).historyWindow(4).historySlide(3).delay(Duration.ZERO).run();

        // turns of history each request carried: grows to the window, then drops 3 at once and grows again
        List<Integer> history = backend.requests().stream().map(r -> (r.messages().size() - 1) / 2).toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 2, 3, 4, 2, 3), history);
        List<String> prompts = Script.seed().turns(10).stream().map(t -> t.prompt()).toList();
        assertEquals(prompts.get(3), backend.requests().get(5).messages().get(0).content(), "turn 6 starts at turn 4");
        assertEquals(prompts.get(3), backend.requests().get(7).messages().get(0).content(), "and so does turn 8");
        assertEquals(3, report.config().extra().get("history_slide"));

        ScriptedBackend seedWindow = ScriptedBackend.healthy();
        SessionReport seed = session(seedWindow).turns(6).historyWindow(4).delay(Duration.ZERO).run();
        assertEquals(List.of(0, 1, 2, 3, 4, 4), seedWindow.requests().stream()
                .map(r -> (r.messages().size() - 1) / 2).toList());
        assertFalse(seed.config().extra().containsKey("history_slide"), "the seed's window is not marked");
        assertEquals("history slide 0 is out of range [1, 10000]",
                assertThrows(IllegalArgumentException.class, () -> LongSession.builder().historySlide(0)).getMessage());
    }

    @Test
    void keepsTheLastNTurnsAsHistory() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        session(backend).turns(5).historyWindow(2).delay(Duration.ZERO).run();

        List<ChatRequest> requests = backend.requests();
        assertEquals(1, requests.get(0).messages().size());
        assertEquals(3, requests.get(1).messages().size());
        assertEquals(5, requests.get(2).messages().size());
        assertEquals(5, requests.get(4).messages().size(), "window of 2 turns = 4 messages + the prompt");
        List<ChatMessage> fifth = requests.get(4).messages();
        List<String> seed = Script.seed().turns(5).stream().map(t -> t.prompt()).toList();
        assertEquals(seed.get(2), fifth.get(0).content());
        assertEquals(ChatMessage.Role.ASSISTANT, fifth.get(1).role());
        assertEquals(seed.get(3), fifth.get(2).content());
        assertEquals(seed.get(4), fifth.get(4).content());
    }

    @Test
    void recordsFailedTurnsAsFailuresNeverAsAnswers() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(Set.of(2), Integer.MAX_VALUE, null);
        SessionReport report = session(backend).turns(4).delay(Duration.ZERO).saveResponses(true).run();

        assertEquals(List.of(1, 3, 4), report.turnMetrics().stream().map(TurnMetrics::turn).toList());
        assertEquals(1, report.failedTurns().size());
        assertEquals(2, report.failedTurns().get(0).turn());
        assertEquals(FailureKind.SERVER_ERROR, report.failedTurns().get(0).kind());
        assertTrue(report.failedTurns().get(0).message().contains("HTTP 500"));
        assertEquals(1, report.summary().failedTurns());
        assertEquals(3, report.responses().size());
        assertNull(report.config().extra().get("stopped_early"));
        // the failed turn added nothing to the history: turn 3 sees turn 1 only, then its own prompt
        assertEquals(3, backend.requests().get(2).messages().size());
    }

    @Test
    void stopsAfterTooManyConsecutiveFailuresKeepingWhatItHas() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(Set.of(2, 3, 4, 5, 6), Integer.MAX_VALUE, null);
        SessionReport report = session(backend).turns(10).delay(Duration.ZERO).maxConsecutiveFailures(3).run();

        assertEquals(1, report.turnMetrics().size());
        assertEquals(3, report.failedTurns().size());
        assertEquals(4, backend.requests().size());
        assertTrue(report.config().extra().get("stopped_early").toString().startsWith("3 consecutive failed turns"));
    }

    @Test
    void flagsThePlantedDropAtItsTurn() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(Set.of(), 20, null);
        SessionReport report = session(backend).turns(30).historyWindow(0).delay(Duration.ZERO).run();

        assertEquals(20, report.summary().firstDegradationTurn());
        assertEquals(20, report.degradationAlerts().get(0).turn());
    }

    @Test
    void waitsTheDelayBetweenTurnsButNotAfterTheLast() throws Exception {
        session(ScriptedBackend.healthy()).turns(4).delay(Duration.ofMillis(250)).run();
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250)), sleeps);
    }

    @Test
    void tellsListenersEveryTurnInOrderAndSurvivesAFailingListener() throws Exception {
        List<Integer> heard = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        SessionReport report = session(ScriptedBackend.healthy()).turns(3).delay(Duration.ZERO)
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(new TurnListener() {
                    @Override
                    public void onTurn(TurnEvent event) {
                        heard.add(event.turn());
                        assertTrue(event.succeeded());
                        assertEquals(3, event.totalTurns());
                    }

                    @Override
                    public void onFinish(SessionReport r) {
                        finished.add(r.label());
                    }
                })
                .run();
        assertEquals(List.of(1, 2, 3), heard);
        assertEquals(List.of(report.label()), finished);
    }

    @Test
    void writesScorerMetricsThenTheSeedsStatsKeys() throws Exception {
        Scorer withExtra = Scorer.combine(new HeuristicScorer(),
                in -> TurnScore.of(0, Map.of("mentions_thing", in.response().contains("Thing"))));
        SessionReport report = session(ScriptedBackend.healthy()).turns(1).scorer(withExtra).run();

        List<String> keys = new ArrayList<>(report.turnMetrics().get(0).values().keySet());
        assertEquals(List.of("response_length", "line_count", "code_density", "hallucinated_references",
                "has_headers", "has_code_blocks", "has_lists", "repetition_ratio", "prompt_relevance",
                "quality_score", "mentions_thing", "elapsed_s", "tokens_generated", "tokens_per_s",
                "prompt_eval_count", "ttft_s", "finish_reason", "prompt_chars", "context_size", "context_fill"), keys);
        assertEquals(Boolean.TRUE, report.turnMetrics().get(0).values().get("mentions_thing"));
        assertEquals(0.1, report.turnMetrics().get(0).values().get("elapsed_s"));
    }

    @Test
    void reportsTheKvTypeTheBackendApplied() throws Exception {
        SessionReport report = session(new ScriptedBackend(Set.of(), Integer.MAX_VALUE, "q8_0"))
                .turns(1).kvType("f16").run();
        assertEquals("q8_0", report.config().kvType());
        assertEquals(Boolean.TRUE, report.config().extra().get("kv_type_applied"));

        SessionReport labelled = session(ScriptedBackend.healthy()).turns(1).kvType("turbo4").run();
        assertEquals("turbo4", labelled.config().kvType());
        assertEquals(Boolean.FALSE, labelled.config().extra().get("kv_type_applied"));
    }

    @Test
    void findsBackendsByNameAndListsTheKnownOnesForAnUnknownName() throws Exception {
        SessionReport report = LongSession.builder().backend("scripted", cfg -> cfg.kvType("q4_0"))
                .turns(2).delay(Duration.ZERO).run();
        assertEquals("scripted", report.config().backend());
        assertEquals("q4_0", report.config().kvType());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongSession.builder().backend("no-such-backend").run());
        assertEquals("unknown backend 'no-such-backend'; available: scripted", e.getMessage());
    }

    @Test
    void runsACustomScript() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy();
        Script script = new Script("tiny", List.of(new Phase("one", List.of("Write a stack.", "Add peek.")),
                new Phase("two", List.of("Test it."))));
        SessionReport report = session(backend).script(script).turns(4).delay(Duration.ZERO).run();
        assertEquals(List.of("one", "one", "two", "one"), report.turnMetrics().stream().map(TurnMetrics::phase).toList());
        assertEquals("tiny", report.config().extra().get("script"));
    }

    @Test
    void rejectsOutOfRangeSettingsWithTheValue() {
        SessionBuilder b = LongSession.builder();
        assertEquals("turns 0 is out of range [1, 100000]",
                assertThrows(IllegalArgumentException.class, () -> b.turns(0)).getMessage());
        assertEquals("history window -1 is out of range [0, 10000]",
                assertThrows(IllegalArgumentException.class, () -> b.historyWindow(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.delay(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.degradationThreshold(Double.NaN));
        assertThrows(IllegalStateException.class, b::build);
        assertFalse(b.saveResponses);
    }
}
