package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.backend.TokenDistribution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forcing context reuses the cached prefix of a conversation: a later turn evaluates only what follows, and its
 * distributions are a fresh context's up to float rounding, with an unquantized and a quantized cache alike.
 */
class ForcingReuseTest {

    private static final int K = 20;

    @ParameterizedTest
    @ValueSource(strings = {"f16", "q8_0"})
    void aLaterTurnReusesItsHistoryAndForcesWhatAFreshContextForces(String kvType) throws BackendException {
        List<ChatRequest> turns = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<ForcedAnswer> reused = new ArrayList<>();
        List<Integer> reusedTokens = new ArrayList<>();
        try (Backend backend = open(kvType)) {
            List<ChatMessage> history = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                history.add(ChatMessage.user(TinyModelConfigs.PROMPTS.get(t)));
                ChatRequest request = new ChatRequest(history);
                String answer = backend.chat(request).content();
                reused.add(((TeacherForcing) backend).force(request, answer, K));
                reusedTokens.add(((LlamaCppBackend) backend).lastForcingReuse());
                turns.add(request);
                answers.add(answer);
                history = new ArrayList<>(history);
                history.add(ChatMessage.assistant(answer));
            }
            // the window slides: the first exchange is dropped, the prompt's start changes
            ChatRequest slid = new ChatRequest(turns.get(2).messages().subList(2, turns.get(2).messages().size()));
            ForcedAnswer afterSlide = ((TeacherForcing) backend).force(slid, answers.get(2), K);
            int reusedAfterSlide = ((LlamaCppBackend) backend).lastForcingReuse();
            try (Backend fresh = open(kvType)) {
                assertClose(((TeacherForcing) fresh).force(slid, answers.get(2), K), afterSlide, "after the slide");
            }
            assertTrue(reusedAfterSlide < 40, "only the template's opening can be reused: " + reusedAfterSlide);
        }
        assertEquals(0, reusedTokens.get(0));
        assertTrue(reusedTokens.get(1) > 20 && reusedTokens.get(2) > reusedTokens.get(1),
                "later turns reuse their history: " + reusedTokens);
        for (int t = 1; t < 3; t++) {
            try (Backend fresh = open(kvType)) {
                assertClose(((TeacherForcing) fresh).force(turns.get(t), answers.get(t), K), reused.get(t),
                        "turn " + (t + 1));
            }
        }
    }

    /** The same tokens ranked alike, and log-probabilities that differ by rounding only. */
    private static void assertClose(ForcedAnswer fresh, ForcedAnswer reused, String where) {
        assertEquals(fresh.positions().size(), reused.positions().size(), where);
        double largest = 0;
        for (int i = 0; i < fresh.positions().size(); i++) {
            TokenDistribution a = fresh.positions().get(i);
            TokenDistribution b = reused.positions().get(i);
            assertEquals(a.actual().id(), b.actual().id(), where + ", position " + i);
            assertEquals(a.top().get(0).id(), b.top().get(0).id(), where + ", position " + i);
            largest = Math.max(largest, Math.abs(a.actual().logprob() - b.actual().logprob()));
        }
        assertTrue(largest < 1e-3, where + ": largest |Δ logprob| " + largest);
    }

    private static Backend open(String kvType) throws BackendException {
        return Backends.discover().create(TinyModelConfigs.greedy(kvType, 24).build());
    }
}
