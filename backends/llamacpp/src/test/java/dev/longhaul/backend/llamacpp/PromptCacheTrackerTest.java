package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PromptCacheTrackerTest {

    private final PromptCacheTracker tracker = new PromptCacheTracker();

    @Test
    void nothingIsReusedBeforeTheFirstTurn() {
        assertEquals(0, tracker.reusableTokens(new int[] {1, 2, 3}));
    }

    @Test
    void theNextTurnReusesThePromptAndTheFedBackAnswer() {
        tracker.remember(new int[] {1, 2, 3}, new int[] {10, 11, 12}, false);
        // next prompt = previous prompt + answer + end-of-turn + new user message
        assertEquals(6, tracker.reusableTokens(new int[] {1, 2, 3, 10, 11, 12, 4, 20, 21}));
    }

    @Test
    void atTheTokenLimitTheLastAnswerTokenWasNotFedBack() {
        tracker.remember(new int[] {1, 2, 3}, new int[] {10, 11, 12}, true);
        assertEquals(5, tracker.reusableTokens(new int[] {1, 2, 3, 10, 11, 12, 4, 20}));
    }

    @Test
    void aSlidingWindowChangesThePrefixSoLittleIsReused() {
        tracker.remember(new int[] {1, 3, 50, 51, 4}, new int[] {10}, false);
        assertEquals(2, tracker.reusableTokens(new int[] {1, 3, 60, 61, 4, 3, 70}));
    }

    @Test
    void theLastPromptTokenIsAlwaysEvaluated() {
        tracker.remember(new int[] {1, 2, 3}, new int[] {}, false);
        assertEquals(2, tracker.reusableTokens(new int[] {1, 2, 3}));
        assertEquals(1, tracker.reusableTokens(new int[] {1, 2}));
    }

    @Test
    void forgettingStartsOver() {
        tracker.remember(new int[] {1, 2, 3}, new int[] {10}, false);
        tracker.forget();
        assertEquals(0, tracker.reusableTokens(new int[] {1, 2, 3, 10, 20}));
    }
}
