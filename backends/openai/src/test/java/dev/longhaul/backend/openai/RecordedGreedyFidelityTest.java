package dev.longhaul.backend.openai;

import static dev.longhaul.backend.openai.LlamaServerFixtures.responseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.analysis.fidelity.FidelityStats;
import dev.longhaul.analysis.fidelity.PositionFidelity;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fidelity math on real llama-server numbers: the recorded greedy answers of one prompt with top-5 logprobs
 * ({@code 09} f16, {@code 21} q8_0, {@code 23} q4_0 on upstream 59237bf; {@code 25} turbo4 and {@code 27} f16 on the
 * TurboQuant fork). Under greedy decoding both answers condition on the same tokens up to and including the first
 * position where they differ, so the generation-time distributions of those positions compare exactly as teacher
 * forcing would give them. Expected figures were computed independently (Python, same formula).
 */
class RecordedGreedyFidelityTest {

    private static final List<TokenDistribution> F16 = greedy("09-chat-logprobs");

    @Test
    void theForksF16ControlMatchesUpstreamF16Exactly() {
        List<PositionFidelity> p = comparable(greedy("27-fork-f16-chat-logprobs"));
        assertEquals(64, p.size(), "no divergence over the 64 tokens");
        FidelityStats s = FidelityStats.of(p);
        assertEquals(0.0, s.kldMax());
        assertEquals(1.0, s.sameTopRate());
    }

    @Test
    void q80StaysOnTheSameGreedyPathWithASmallDivergence() {
        FidelityStats s = FidelityStats.of(comparable(greedy("21-q8_0-chat-logprobs")));
        assertEquals(64, s.positions());
        assertEquals(0.00030626252833435724, s.kldMean(), 1e-15);
        assertEquals(0.00546156687167071, s.kldMax(), 1e-14);
        assertEquals(1.0, s.sameTopRate());
    }

    @Test
    void q40AndTurbo4DepartWhereTheirTopTokenChanges() {
        List<PositionFidelity> q4 = comparable(greedy("23-q4_0-chat-logprobs"));
        assertEquals(3, q4.size(), "departs at token 2");
        assertFalse(q4.get(2).sameTop());
        assertEquals(0.0014150882682530857, FidelityStats.of(q4).kldMean(), 1e-15);

        List<PositionFidelity> turbo4 = comparable(greedy("25-turbo4-chat-logprobs"));
        assertEquals(14, turbo4.size(), "departs at token 13");
        FidelityStats s = FidelityStats.of(turbo4);
        assertEquals(0.14092211684531114, s.kldMean(), 1e-13);
        assertEquals(1.450726143994116, s.kldMax(), 1e-12);
        assertEquals(13, s.sameTop());
        assertTrue(s.kldMean() > 100 * FidelityStats.of(comparable(greedy("21-q8_0-chat-logprobs"))).kldMean());
    }

    /** Positions 0..d of the arm against f16, d the first token where the greedy answers differ (or all). */
    private static List<PositionFidelity> comparable(List<TokenDistribution> arm) {
        List<PositionFidelity> out = new ArrayList<>();
        for (int i = 0; i < Math.min(F16.size(), arm.size()); i++) {
            out.add(PositionFidelity.of(F16.get(i), arm.get(i)));
            if (F16.get(i).actual().id() != arm.get(i).actual().id()) {
                break;
            }
        }
        return out;
    }

    /** {@code choices[0].logprobs.content}: the chosen token and its top candidates at each position. */
    private static List<TokenDistribution> greedy(String recording) {
        List<TokenDistribution> out = new ArrayList<>();
        for (JsonNode e : responseJson(recording).path("choices").path(0).path("logprobs").path("content")) {
            List<TokenLogprob> top = new ArrayList<>();
            for (JsonNode c : e.path("top_logprobs")) {
                top.add(token(c));
            }
            out.add(new TokenDistribution(token(e), top));
        }
        return out;
    }

    private static TokenLogprob token(JsonNode n) {
        return new TokenLogprob(n.path("id").asInt(), n.path("token").asText(), n.path("logprob").asDouble());
    }
}
