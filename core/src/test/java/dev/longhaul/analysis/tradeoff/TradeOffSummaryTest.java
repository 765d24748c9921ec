package dev.longhaul.analysis.tradeoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.Summaries;
import dev.longhaul.analysis.VerdictKind;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's figures against hand-computed ones, and the sentence and gates built from them. */
class TradeOffSummaryTest {

    /**
     * A shared-history report of {@code turns} turns: quality {@code score} (± a wiggle), decode {@code decode} tok/s
     * rising by 1 per turn, 100 prompt tokens evaluated in 0.2 s, 20 tokens in 0.5 s; with KLD figures for an arm.
     */
    static SessionReport report(String kv, String kvLog, int turns, double score, double decode, double kld,
                                int pastFrom) {
        List<TurnMetrics> metrics = new ArrayList<>();
        for (int t = 1; t <= turns; t++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("response_length", 100);
            v.put("hallucinated_references", 0);
            v.put("repetition_ratio", 0.0);
            v.put("quality_score", score + (t % 3 - 1) * 0.01);
            v.put("elapsed_s", 0.5);
            v.put("tokens_generated", 20);
            v.put("tokens_per_s", decode + t);
            v.put("prompt_eval_count", 100 * t);
            v.put("ttft_s", 0.2);
            v.put("prompt_tokens_evaluated", 100);
            if (t >= pastFrom) {
                v.put("past_trained_context", true);
            }
            if (kld >= 0) {
                v.put(MetricKey.FIDELITY_TOP_K.name(), 100);
                v.put(MetricKey.FORCED_TOKENS.name(), 4);
                v.put(MetricKey.SAME_TOP_TOKENS.name(), t % 2 == 0 ? 4 : 3);
                v.put(MetricKey.KLD_VALUES.name(), List.of(kld, kld, kld, kld));
            }
            metrics.add(new TurnMetrics(t, "code_gen", v));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("seed", 42L);
        extra.put("temperature", 0.0);
        extra.put("context_train", 4096);
        extra.put("backend_info", Map.of("kv_log", kvLog));
        extra.put(RunConfig.SHARED_HISTORY_FROM, "f16");
        return new SessionReport(new RunConfig("llamacpp", "m", kv, turns, 20, "t", extra), metrics, List.of(),
                Summaries.of(metrics, List.of(), 0), List.of(), List.of());
    }

    static String kvLog(double mib) {
        return "init: kv_size = 4096, offload = 1, type_k = 'x', type_v = 'x' | llama_context: KV self size  =   "
                + mib + " MiB, K (x): 1 MiB, V (x): 1 MiB";
    }

    static TradeOffSummary summary(SessionReport base, SessionReport arm) {
        return TradeOffSummary.of(List.of(ArmFigures.of("f16", List.of(base)), ArmFigures.of("q8_0", List.of(arm))),
                List.of(RepeatedComparison.of(List.of(base), List.of(arm))));
    }

    @Test
    void figuresAreMeasuredAndComparedWithTheBaseline() {
        SessionReport base = report("f16", kvLog(24.0), 20, 0.6, 100, -1, 99);
        SessionReport arm = report("q8_0", kvLog(12.75), 20, 0.6, 90, 0.001, 99);
        TradeOffSummary s = summary(base, arm);

        ArmFigures f16 = s.rows().get(0).arm();
        assertEquals(110.5, f16.decode().median(), 1e-9, "101..120: median 110.5");
        assertEquals(102.9, f16.decode().p10(), 1e-9, "type 7: 101 + 0.1 * 19");
        assertEquals(118.1, f16.decode().p90(), 1e-9);
        assertEquals(ArmFigures.CLIENT, f16.decodeSource());
        assertEquals(500.0, f16.prefill().median(), 1e-9, "100 tokens in 0.2 s");
        assertEquals(0.2, f16.timeToFirstToken().median(), 1e-12);
        assertEquals(400, f16.tokensGenerated());
        assertEquals(10.0, f16.wallSeconds(), 1e-9);

        TradeOffRow q8 = s.rows().get(1);
        assertEquals((12.75 / 24.0 - 1) * 100, q8.kvCacheChange(), 1e-9);
        assertEquals(12.75 / 24.0 * 100, q8.kvCachePercentOfBaseline(), 1e-9);
        assertEquals((100.5 / 110.5 - 1) * 100, q8.decodeChange(), 1e-9);
        assertEquals(0.0, q8.prefillChange(), 1e-9);
        assertEquals(0.001, q8.fidelity().stats().kldMean(), 1e-12, "the comparison's pooled fidelity");
        assertEquals(VerdictKind.NO_DIFFERENCE, q8.verdict().kind());

        assertEquals("q8_0: KV \u221247 % (24.0 \u2192 12.75 MiB), decode \u22129 %, mean KLD 0.001, same top 87.5 %, "
                + "quality: no difference (shared history, 20 turns)", s.sentences().get(0));

        Map<String, Object> json = s.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) json.get("arms")).get(1);
        assertEquals("q8_0", row.get("arm"));
        assertEquals(12.75, ((Map<?, ?>) row.get("kv_cache")).get("mib"));
        assertEquals(3264.0, ((Map<?, ?>) row.get("kv_cache")).get("bytes_per_cell"));
        assertEquals("no_difference", row.get("verdict_kind"));
        assertEquals(s.sentences().get(0), row.get("sentence"));
        assertEquals(List.of(), row.get("past_trained_context_turns"));
    }

    @Test
    void turnsPastTheTrainedContextAreNamedWithTheirArm() {
        SessionReport base = report("f16", kvLog(24.0), 12, 0.6, 100, -1, 99);
        SessionReport arm = report("q8_0", kvLog(12.75), 12, 0.6, 100, 0.001, 9);
        TradeOffSummary s = summary(base, arm);
        assertEquals(List.of(9, 10, 11, 12), s.rows().get(1).arm().pastTrainedContextTurns());
        assertTrue(s.sentences().get(0).endsWith("; turns 9\u201312 past the model's trained context"), s.sentences().get(0));
        assertEquals(List.of("Warning: q8_0: turns 9\u201312 went past the model's trained context (4096 tokens): "
                + "answers there are extrapolation, not an effect of the KV cache"), TradeOffText.warnings(s));
    }

    @Test
    void anArmWithNoAnsweredTurnIsSaidSoAndHasNoFigures() {
        SessionReport base = report("f16", kvLog(24.0), 12, 0.6, 100, -1, 99);
        SessionReport failed = new SessionReport(base.config(), List.of(), List.of(),
                Summaries.of(List.of(), List.of(), 3), List.of(), List.of(
                        new FailedTurn(1, "code_gen", "p", FailureKind.SERVER_ERROR, "boom", 1, 0.1),
                        new FailedTurn(2, "code_gen", "p", FailureKind.SERVER_ERROR, "boom", 1, 0.1),
                        new FailedTurn(3, "code_gen", "p", FailureKind.SERVER_ERROR, "boom", 1, 0.1)));
        SessionReport arm = new SessionReport(new RunConfig("llamacpp", "m", "q8_0", 3, 20, "t",
                Map.of(RunConfig.SHARED_HISTORY_FROM, "f16")), failed.turnMetrics(), List.of(), failed.summary(), List.of(),
                failed.failedTurns());
        TradeOffSummary s = summary(base, arm);
        assertEquals(List.of("q8_0"), s.unansweredArms());
        ArmFigures q8 = s.rows().get(1).arm();
        assertNull(q8.decode());
        assertNull(q8.kvCache(), "no log, no figure");
        assertEquals("q8_0: no answered turn (3 failed): nothing to compare", s.sentences().get(0));
        assertTrue(TradeOffText.lines(s).stream().anyMatch(l -> l.matches("q8_0 +\\| unknown +\\| unknown .*inconclusive")),
                String.join("\n", TradeOffText.lines(s)));
    }

    @Test
    void turnRangesReadAsAPersonSaysThem() {
        assertEquals("turn 7", TurnRanges.of(List.of(7)));
        assertEquals("turns 3, 5\u20139, 12", TurnRanges.of(List.of(3, 5, 6, 7, 8, 9, 12)));
    }
}
