package dev.longhaul.analysis.pressure;

import static dev.longhaul.analysis.pressure.TurnContextTest.earlier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.TurnMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruncationCheckTest {

    // 4 characters a token, context 1000: a prompt of 4000 characters would fill it
    private final List<TurnMetrics> history = List.of(earlier(1, 400, 100, 1000), earlier(2, 2000, 500, 1000));

    @Test
    void estimatesTokensPerCharFromTheLongestPromptWellInsideTheContext() {
        assertEquals(0.25, TruncationCheck.referenceTokensPerChar(history));
        // the 3000-character turn filled 0.8 > 0.75 of the context: not a reference
        List<TurnMetrics> withFuller = List.of(earlier(1, 400, 100, 1000), earlier(2, 1000, 300, 1000),
                earlier(3, 3000, 800, 1000));
        assertEquals(0.3, TruncationCheck.referenceTokensPerChar(withFuller));
        assertTrue(Double.isNaN(TruncationCheck.referenceTokensPerChar(List.of())));
    }

    @Test
    void suspectsAFittingCountForAPromptThatCouldNotHaveFit() {
        // 4400 chars ≈ 1100 tokens sent, more than 1.05 × 1000; the server counted 960: it dropped the start
        assertTrue(TruncationCheck.suspected(new TurnContext(4400, 960, 40, 1000), history));
        assertTrue(TruncationCheck.suspected(new TurnContext(4400, 1000, 40, 1000), history));
        // the server evaluated more than fits: no cut (it is "full" instead)
        assertFalse(TruncationCheck.suspected(new TurnContext(4400, 1001, 40, 1000), history));
        // 4200 chars ≈ 1050 tokens: within the estimate's margin, not suspected
        assertFalse(TruncationCheck.suspected(new TurnContext(4200, 900, 40, 1000), history));
        assertTrue(TruncationCheck.suspected(new TurnContext(4201, 900, 40, 1000), history));
        // a prompt that fits is never suspected, whatever the count
        assertFalse(TruncationCheck.suspected(new TurnContext(3000, 200, 40, 1000), history));
    }

    @Test
    void suspectsNothingWithoutAReferenceOrACount() {
        assertFalse(TruncationCheck.suspected(new TurnContext(40000, 900, 40, 1000), List.of()));
        assertFalse(TruncationCheck.suspected(new TurnContext(40000, null, 40, 1000), history));
        assertFalse(TruncationCheck.suspected(new TurnContext(40000, 900, 40, 1000),
                List.of(earlier(1, 3900, 990, 1000))), "a nearly full turn is no reference");
    }

    @Test
    void aSuspectedTurnIsNoReference() {
        TurnMetrics cut = earlier(3, 2400, 520, 1000);
        List<TurnMetrics> values = List.of(earlier(1, 400, 100, 1000), cut);
        assertEquals(520 / 2400.0, TruncationCheck.referenceTokensPerChar(values));
        java.util.Map<String, Object> flagged = new java.util.LinkedHashMap<>(cut.values());
        flagged.put("context_truncated_suspected", true);
        assertEquals(0.25, TruncationCheck.referenceTokensPerChar(List.of(earlier(1, 400, 100, 1000),
                new TurnMetrics(3, "p", flagged))));
    }

    @Test
    void theTurnsValuesSayWhenItIsSuspected() {
        assertEquals(true, new TurnContext(4400, 960, 40, 1000).values(history).get("context_truncated_suspected"));
        assertFalse(new TurnContext(3000, 750, 40, 1000).values(history).containsKey("context_truncated_suspected"));
    }
}
