package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.ReportText;
import dev.longhaul.report.ContextPressureCounts;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.testing.ScriptedBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scripted backend's prompts grow by about 110 tokens a turn (history window 20): with a context of 600 tokens
 * the prompt of turn 6 would need about 636. A backend that evaluates it anyway runs past its context; one that drops
 * the oldest messages, as Ollama does, reports a prompt that fits although more was sent.
 */
class ContextPressureSessionTest {

    private static SessionReport run(ScriptedBackend backend, int turns) throws Exception {
        return LongSession.builder().backend(backend, "scripted").turns(turns).historyWindow(20).delay(Duration.ZERO)
                .run();
    }

    private static List<Object> column(SessionReport report, String key) {
        return report.turnMetrics().stream().map(t -> t.values().get(key)).toList();
    }

    @Test
    void recordsTheContextOfEveryTurnAndFlagsTurnsNearOrPastIt() throws Exception {
        SessionReport report = run(ScriptedBackend.healthy().withContextSize(700, false), 8);

        assertEquals(700, report.config().extra().get("context_size"));
        assertTrue(column(report, "context_size").stream().allMatch(v -> v.equals(700)));
        List<Object> tokens = column(report, "prompt_eval_count");
        List<Object> fill = column(report, "context_fill");
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(Math.round((Integer) tokens.get(i) / 700.0 * 1000) / 1000.0, fill.get(i));
        }
        assertEquals(List.of(44, 174, 289, 405, 521, 631, 749, 862), tokens);
        // turn 6: 631 of 700 tokens is 90%, and its answer of 85 tokens runs past the end: full
        assertEquals(Arrays.asList(null, null, null, null, null, "full", "full", "full"),
                column(report, "context_pressure"));
        assertTrue(column(report, "context_truncated_suspected").stream().allMatch(v -> v == null),
                "the server counted all it was sent");
        assertEquals(new ContextPressureCounts(0, 3, 0, 1.231), ContextPressureCounts.of(report.turnMetrics()).orElseThrow());
    }

    @Test
    void turnsPastTheTrainedContextInsideALargerWindowAreMarked() throws Exception {
        SessionReport report = run(ScriptedBackend.healthy().withContextSize(4096, false).withTrainedContextSize(500), 6);

        assertEquals(500, report.config().extra().get("context_train"));
        for (TurnMetrics t : report.turnMetrics()) {
            boolean past = t.number("prompt_eval_count").intValue() + t.number("tokens_generated").intValue() > 500;
            assertEquals(past ? Boolean.TRUE : null, t.values().get("past_trained_context"), "turn " + t.turn());
            assertEquals(past, ContextPressureCounts.isPressured(t), "turn " + t.turn() + " counts as pressure");
        }
        assertEquals(Arrays.asList(null, null, null, null, true, true), column(report, "past_trained_context"));
        assertTrue(column(report, "context_pressure").stream().allMatch(v -> v == null), "the window has room");
    }

    @Test
    void aPromptFillingNinetyPercentWithRoomForTheAnswerIsNear() throws Exception {
        // from turn 8 the answers are short (26 tokens): prompts of 546 to 573 tokens of 600 leave room for them
        SessionReport report = run(new ScriptedBackend(Set.of(), 8, null).withContextSize(600, true), 12);
        assertEquals(Arrays.asList(null, null, null, null, null, "full", "full", "near", "near", "near", "near", "full"),
                column(report, "context_pressure"));
        assertEquals(Arrays.asList(0.073, 0.29, 0.482, 0.675, 0.868, 0.978, 0.958, 0.955, 0.91, 0.942, 0.917, 0.963),
                column(report, "context_fill"));
        assertEquals(new ContextPressureCounts(4, 3, 7, 0.978), ContextPressureCounts.of(report.turnMetrics()).orElseThrow());
    }

    @Test
    void suspectsTruncationWhenTheServerDropsTheOldestMessages() throws Exception {
        ScriptedBackend backend = ScriptedBackend.healthy().withContextSize(600, true);
        SessionReport report = run(backend, 10);

        List<Object> suspected = column(report, "context_truncated_suspected");
        assertEquals(Arrays.asList(null, null, null, null, null, true, true, true, true, true), suspected);
        List<Object> tokens = column(report, "prompt_eval_count");
        assertTrue(tokens.subList(5, 10).stream().allMatch(t -> (Integer) t <= 600), tokens.toString());
        List<Object> chars = column(report, "prompt_chars");
        assertTrue((Integer) chars.get(9) > (Integer) chars.get(5), "the history kept growing");
        assertEquals(5, ContextPressureCounts.of(report.turnMetrics()).orElseThrow().truncationSuspected());
    }

    @Test
    void anAlertThatCoincidesWithPressureSaysSo() throws Exception {
        SessionReport roomy = run(new ScriptedBackend(Set.of(), 8, null), 9);
        SessionReport tight = run(new ScriptedBackend(Set.of(), 8, null).withContextSize(600, true), 9);

        List<DegradationAlert> plain = List.of(new DegradationAlert(8, "code_gen", 0.245, 1.0, 0.755),
                new DegradationAlert(9, "code_gen", 0.245, 0.849, 0.604));
        assertEquals(plain, roomy.degradationAlerts());
        assertEquals(plain.stream().map(DegradationAlert::withContextPressure).toList(), tight.degradationAlerts());

        String text = ReportText.render(tight);
        assertTrue(text.contains(" \u26a0 First degradation at turn 8\n"
                + "Context pressure: 2 turns near the context, 2 full, 4 truncation suspected (max fill 0.978)\n"), text);
        assertTrue(text.contains(" Turn  8 [code_gen  ]: score=0.245 (window avg=1.000, drop=0.755)\n"
                + "          \u21b3 context pressure in this turn or its window: the drop may be the context's\n"
                + " Turn  9 [code_gen  ]: score=0.245 (window avg=0.849, drop=0.604)\n"
                + "          \u21b3 context pressure"), text);
        String roomyText = ReportText.render(roomy);
        assertFalse(roomyText.contains("ontext pressure"), roomyText);
        assertTrue(ReportCodec.toJson(tight).contains("\"drop\": 0.755,\n      \"context_pressure\": true\n"));
        assertTrue(ReportCodec.toJson(roomy).contains("\"drop\": 0.755\n    },"));
    }

    @Test
    void noContextSizeNoContextFigures() throws Exception {
        dev.longhaul.backend.Backend unknown = new dev.longhaul.backend.Backend() {
            private final ScriptedBackend delegate = ScriptedBackend.healthy();

            @Override
            public dev.longhaul.backend.ChatResponse chat(dev.longhaul.backend.ChatRequest request)
                    throws dev.longhaul.backend.BackendException {
                return delegate.chat(request);
            }

            @Override
            public dev.longhaul.backend.BackendInfo info() {
                return dev.longhaul.backend.BackendInfo.basic("scripted", null);
            }
        };
        SessionReport report = LongSession.builder().backend(unknown, "scripted").turns(2).delay(Duration.ZERO).run();
        TurnMetrics first = report.turnMetrics().get(0);
        assertFalse(first.values().containsKey("context_size"));
        assertFalse(first.values().containsKey("prompt_chars"));
        assertEquals(Optional.empty(), ContextPressureCounts.of(report.turnMetrics()));

        SessionReport configured = LongSession.builder().backend("scripted", c -> c.contextSize(512)).turns(1)
                .delay(Duration.ZERO).run();
        assertEquals(4096, configured.turnMetrics().get(0).values().get("context_size"), "the backend's own size wins");
        SessionReport fallback = LongSession.builder()
                .backend("scripted", c -> c.contextSize(512).option("context_size", "unknown")).turns(1)
                .delay(Duration.ZERO).run();
        assertEquals(512, fallback.config().extra().get("context_size"));
        assertEquals(512, fallback.turnMetrics().get(0).values().get("context_size"), "else the configured size");
    }
}
