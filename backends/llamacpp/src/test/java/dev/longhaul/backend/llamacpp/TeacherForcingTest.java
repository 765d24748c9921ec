package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teacher forcing on the bundled model: real inference, answers of at most 32 tokens. */
class TeacherForcingTest {

    private static final int K = 20;
    private static final ChatRequest REQUEST = new ChatRequest(TinyModelConfigs.firstTurn());
    private static String greedyAnswer;
    private static ForcedAnswer f16;

    @BeforeAll
    static void forceTheF16GreedyAnswer() throws BackendException {
        try (Backend backend = open("f16")) {
            greedyAnswer = backend.chat(REQUEST).content();
            f16 = ((TeacherForcing) backend).force(REQUEST, greedyAnswer, K);
        }
    }

    @Test
    void theForcedTokensSpellTheAnswerAndEachCarriesTopKCandidatesInOrder() {
        assertTrue(f16.positions().size() >= 10, "forced " + f16.positions().size() + " tokens");
        assertEquals(K, f16.topK());
        String spelled = f16.positions().stream().map(p -> p.actual().token()).collect(Collectors.joining());
        assertEquals(greedyAnswer, spelled);
        for (TokenDistribution p : f16.positions()) {
            assertEquals(K, p.top().size());
            double mass = 0;
            for (int i = 0; i < K; i++) {
                TokenLogprob t = p.top().get(i);
                assertTrue(t.logprob() <= 0, t.toString());
                assertTrue(i == 0 || p.top().get(i - 1).logprob() >= t.logprob(), "ordered at " + i);
                mass += Math.exp(t.logprob());
            }
            assertTrue(mass <= 1 + 1e-9, "top-K mass " + mass);
            assertTrue(p.actual().logprob() <= p.top().get(0).logprob());
        }
    }

    @Test
    void theGreedyAnswerIsTheArgmaxAtEveryForcedPosition() {
        // What the backend generated greedily is what the forced distributions rank first: forcing reproduces the
        // generation's distributions (up to ties, which the bundled model does not have on this prompt).
        for (int i = 0; i < f16.positions().size(); i++) {
            TokenDistribution p = f16.positions().get(i);
            assertEquals(p.top().get(0).id(), p.actual().id(),
                    "position " + i + ": " + p.top().get(0) + " vs " + p.actual());
        }
    }

    @Test
    void anotherBackendWithTheSameCacheTypeGivesIdenticalDistributions() throws BackendException {
        try (Backend backend = open("f16")) {
            assertEquals(f16, ((TeacherForcing) backend).force(REQUEST, greedyAnswer, K));
        }
    }

    @Test
    void aQuantizedCacheMovesTheDistributions() throws BackendException {
        try (Backend backend = open("q4_0")) {
            ForcedAnswer q4 = ((TeacherForcing) backend).force(REQUEST, greedyAnswer, K);
            assertEquals(f16.positions().size(), q4.positions().size());
            assertEquals(ids(f16), ids(q4));
            double largest = 0;
            for (int i = 0; i < q4.positions().size(); i++) {
                largest = Math.max(largest, Math.abs(f16.positions().get(i).actual().logprob()
                        - q4.positions().get(i).actual().logprob()));
            }
            assertTrue(largest > 1e-4, "largest |Δ logprob| " + largest);
        }
    }

    @Test
    void anEmptyAnswerHasNoPositions() throws BackendException {
        try (Backend backend = open("f16")) {
            assertEquals(new ForcedAnswer(List.of(), K), ((TeacherForcing) backend).force(REQUEST, "", K));
        }
    }

    @Test
    void anAnswerPastTheContextIsRefusedInOneLine() throws BackendException {
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 8).contextSize(64).build())) {
            BackendException e = assertThrows(BackendException.class,
                    () -> ((TeacherForcing) backend).force(REQUEST, "word ".repeat(80), K));
            assertEquals(BackendException.Kind.CONTEXT_EXCEEDED, e.kind());
            assertTrue(e.getMessage().contains("but the context holds 64"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void laterTurnsOfAConversationAreForcedAfterTheirHistory() throws BackendException {
        try (Backend backend = open("f16")) {
            ChatRequest second = new ChatRequest(List.of(ChatMessage.user(TinyModelConfigs.PROMPTS.get(0)),
                    ChatMessage.assistant(greedyAnswer), ChatMessage.user(TinyModelConfigs.PROMPTS.get(1))));
            String answer = backend.chat(second).content();
            ForcedAnswer forced = ((TeacherForcing) backend).force(second, answer, K);
            assertTrue(forced.positions().size() > 5);
            assertEquals(forced.positions().get(0).top().get(0).id(), forced.positions().get(0).actual().id());
        }
    }

    private static List<Integer> ids(ForcedAnswer a) {
        return a.positions().stream().map(p -> p.actual().id()).toList();
    }

    private static Backend open(String kvType) throws BackendException {
        return Backends.discover().create(TinyModelConfigs.greedy(kvType, 32).build());
    }
}
