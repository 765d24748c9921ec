package dev.longhaul.analysis.fidelity;

import static dev.longhaul.analysis.fidelity.Distributions.dist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenFidelityTest {

    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatMessage.user("Write foo.")));
    /** The baseline's answer, as three forced tokens " def", " foo", "()". */
    private static final String ANSWER = "def foo()";

    /** Baseline: the answer's tokens are the top ones. */
    private static final ForcedAnswer BASELINE = new ForcedAnswer(List.of(
            at(" def", dist('A', .9, 'A', .9, 'B', .05)),
            at(" foo", dist('C', .6, 'C', .6, 'D', .3)),
            at("()", dist('E', .5, 'E', .5, 'F', .3))), 2);

    /** Arm: same first position, equal split on the second (top C by id), prefers F on the third. */
    private static final ForcedAnswer ARM = new ForcedAnswer(List.of(
            at(" def", dist('A', .9, 'A', .9, 'B', .05)),
            at(" foo", dist('C', .45, 'C', .45, 'D', .45)),
            at("()", dist('E', .3, 'F', .5, 'E', .3))), 2);

    @Test
    void theTurnsFiguresInReportOrder() throws BackendException {
        Forcing baseline = new Forcing(BASELINE);
        Map<String, Object> m = new TokenFidelity(2, true).measure(REQUEST, baseline, ANSWER, new Forcing(ARM),
                "def foo(x)");
        double kld2 = 0.6 * Math.log(0.6 / 0.45) + 0.3 * Math.log(0.3 / 0.45) + 0.1 * Math.log(0.1 / 0.1);
        double kld3 = 0.5 * Math.log(0.5 / 0.3) + 0.3 * Math.log(0.3 / 0.5);
        assertEquals(List.of("fidelity_top_k", "forced_tokens", "kld_mean", "kld_p99", "kld_max", "same_top_rate",
                "same_top_tokens", "delta_p_mean", "delta_p_rms", "delta_p_tokens", "first_divergence_token",
                "kld_values"), new ArrayList<>(m.keySet()));
        assertEquals(2, m.get("fidelity_top_k"));
        assertEquals(3L, m.get("delta_p_tokens"), "every position has the answer token's probability");
        assertEquals(3, m.get("forced_tokens"));
        List<?> values = (List<?>) m.get("kld_values");
        assertEquals(0.0, (Double) values.get(0));
        assertEquals(kld2, (Double) values.get(1), 1e-12);
        assertEquals(kld3, (Double) values.get(2), 1e-12);
        assertEquals((kld2 + kld3) / 3, (Double) m.get("kld_mean"), 1e-12);
        assertEquals(Math.max(kld2, kld3), (Double) m.get("kld_max"), 1e-12);
        assertEquals(2.0 / 3, (Double) m.get("same_top_rate"), 1e-15);
        assertEquals(2, m.get("same_top_tokens"));
        // Δp: 0, .45 - .6, .3 - .5
        assertEquals((-0.15 - 0.2) / 3, (Double) m.get("delta_p_mean"), 1e-12);
        assertEquals(Math.sqrt((0.15 * 0.15 + 0.2 * 0.2) / 3), (Double) m.get("delta_p_rms"), 1e-12);
        // "def foo(x)" leaves "def foo()" at character 8, inside the third token "()"
        assertEquals(2, m.get("first_divergence_token"));
        assertEquals(1, baseline.calls);
    }

    @Test
    void theBaselineAgainstItselfHasNoDivergenceAndTheSameTopEverywhere() throws BackendException {
        Map<String, Object> m = new TokenFidelity(2, true).measure(REQUEST, new Forcing(BASELINE), ANSWER,
                new Forcing(BASELINE), ANSWER);
        assertEquals(0.0, m.get("kld_mean"));
        assertEquals(0.0, m.get("kld_max"));
        assertEquals(1.0, m.get("same_top_rate"));
        assertTrue(m.containsKey("first_divergence_token"));
        assertEquals(null, m.get("first_divergence_token"));
    }

    @Test
    void theBaselineIsForcedOncePerTurnForAllArms() throws BackendException {
        Forcing baseline = new Forcing(BASELINE);
        TokenFidelity fidelity = new TokenFidelity(2, false);
        fidelity.measure(REQUEST, baseline, ANSWER, new Forcing(ARM), "x");
        fidelity.measure(REQUEST, baseline, ANSWER, new Forcing(BASELINE), ANSWER);
        assertEquals(1, baseline.calls);
        Map<String, Object> next = fidelity.measure(new ChatRequest(List.of(ChatMessage.user("Again."))), baseline,
                ANSWER, new Forcing(ARM), "x");
        assertEquals(2, baseline.calls);
        assertFalse(next.containsKey("first_divergence_token"), "not greedy: no divergence reported");
    }

    @Test
    void backendsWithoutTeacherForcingOrEmptyAnswersGiveNoFigures() throws BackendException {
        TokenFidelity fidelity = new TokenFidelity(2, true);
        assertEquals(Map.of(), fidelity.measure(REQUEST, new Forcing(BASELINE), ANSWER, new Plain(), "x"));
        assertEquals(Map.of(), fidelity.measure(REQUEST, new Plain(), ANSWER, new Forcing(ARM), "x"));
        assertEquals(Map.of(), fidelity.measure(REQUEST, new Forcing(new ForcedAnswer(List.of(), 2)), "",
                new Forcing(ARM), "x"));
    }

    @Test
    void armsThatTokenizeTheAnswerDifferentlyAreAnError() {
        ForcedAnswer shorter = new ForcedAnswer(ARM.positions().subList(0, 2), 2);
        BackendException e = assertThrows(BackendException.class, () -> new TokenFidelity(2, true)
                .measure(REQUEST, new Forcing(BASELINE), ANSWER, new Forcing(shorter), "x"));
        assertEquals("token fidelity: the arm forced 2 tokens of the baseline's answer, the baseline 3 "
                + "(different tokenizers?)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TokenFidelity(0, true));
    }

    private static TokenDistribution at(String token, TokenDistribution d) {
        TokenLogprob actual = d.top().stream().filter(t -> t.id() == d.actual().id()).findFirst().orElseThrow();
        return new TokenDistribution(new TokenLogprob(actual.id(), token, d.actual().logprob()),
                Arrays.asList(d.top().toArray(new TokenLogprob[0])));
    }

    /** A backend that forces by handing back a fixed answer. */
    private static final class Forcing extends Plain implements TeacherForcing {
        private final ForcedAnswer answer;
        int calls;

        Forcing(ForcedAnswer answer) {
            this.answer = answer;
        }

        @Override
        public ForcedAnswer force(ChatRequest request, String text, int topK) {
            calls++;
            return answer;
        }
    }

    private static class Plain implements Backend {
        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new UnsupportedOperationException("not asked in these tests");
        }

        @Override
        public BackendInfo info() {
            throw new UnsupportedOperationException("not asked in these tests");
        }
    }
}
