package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same requests with prefix reuse on and off: reuse evaluates only what each turn added.
 *
 * <p>The answers of later turns are not compared: with reuse, the KV entries of the previous answer come from
 * one-token decoding instead of a prompt batch, which rounds differently, and a greedy near-tie can then pick
 * another token (docs/parts/llamacpp.md has the figures). The first turn involves no cache and must match.
 */
class PrefixReuseTest {

    private static final int MAX_TOKENS = 24;

    @Test
    void reuseEvaluatesOnlyWhatTheConversationAdded() throws BackendException {
        List<ChatRequest> requests = new ArrayList<>();
        List<ChatResponse> on = new ArrayList<>();
        try (Backend backend = open(true)) {
            List<ChatMessage> history = new ArrayList<>();
            for (String prompt : TinyModelConfigs.PROMPTS) {
                history.add(ChatMessage.user(prompt));
                ChatRequest request = new ChatRequest(history);
                requests.add(request);
                ChatResponse answer = backend.chat(request);
                on.add(answer);
                history.add(ChatMessage.assistant(answer.content()));
            }
        }
        List<ChatResponse> off = new ArrayList<>();
        try (Backend backend = open(false)) {
            for (ChatRequest request : requests) {
                off.add(backend.chat(request));
            }
        }

        assertEquals(off.get(0).content(), on.get(0).content());
        assertEquals(0, on.get(0).stats().cachedPromptTokens());
        for (int turn = 0; turn < requests.size(); turn++) {
            ChatResponse a = on.get(turn);
            ChatResponse b = off.get(turn);
            assertEquals(b.stats().promptTokens(), a.stats().promptTokens(), "the same request, the same prompt");
            assertEquals(0, b.stats().cachedPromptTokens());
            assertEquals(b.stats().promptTokens(), b.extra().get("prompt_tokens_evaluated"));
            assertEquals(a.stats().promptTokens() - a.stats().cachedPromptTokens(),
                    a.extra().get("prompt_tokens_evaluated"));
        }
        for (int turn = 1; turn < requests.size(); turn++) {
            ChatResponse previous = on.get(turn - 1);
            // all of the previous turn is reused, except the last answer token when the token limit cut it off
            int expected = previous.stats().promptTokens() + previous.stats().completionTokens()
                    - ("length".equals(previous.finishReason()) ? 1 : 0);
            assertEquals(expected, on.get(turn).stats().cachedPromptTokens(), "turn " + (turn + 1));
            int evaluatedOn = (int) on.get(turn).extra().get("prompt_tokens_evaluated");
            int evaluatedOff = (int) off.get(turn).extra().get("prompt_tokens_evaluated");
            assertTrue(evaluatedOn * 2 < evaluatedOff, "turn " + (turn + 1) + ": " + evaluatedOn + " vs " + evaluatedOff);
        }
    }

    @Test
    void whenTheWindowSlidesThePrefixChangesAndAlmostNothingIsReused() throws BackendException {
        try (Backend backend = open(true)) {
            List<ChatMessage> history = new ArrayList<>(TinyModelConfigs.firstTurn());
            ChatResponse first = backend.chat(new ChatRequest(history));
            history.add(ChatMessage.assistant(first.content()));
            history.add(ChatMessage.user(TinyModelConfigs.PROMPTS.get(1)));
            history.remove(0); // the window drops the oldest turn
            history.remove(0);
            ChatResponse slid = backend.chat(new ChatRequest(history));
            assertTrue(slid.stats().cachedPromptTokens() < 5, "cached " + slid.stats().cachedPromptTokens());
        }
    }

    private static Backend open(boolean reuse) throws BackendException {
        return Backends.discover().create(TinyModelConfigs.greedy("f16", MAX_TOKENS)
                .option(LlamaCppOptions.PREFIX_REUSE.name(), Boolean.toString(reuse)).build());
    }
}
