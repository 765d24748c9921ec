package dev.longhaul.analysis.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.longhaul.report.TurnMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnContextTest {

    static TurnMetrics earlier(int turn, int chars, int promptTokens, int contextSize) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quality_score", 0.8);
        values.put("prompt_eval_count", promptTokens);
        values.putAll(new TurnContext(chars, promptTokens, 10, contextSize).values(List.of()));
        return new TurnMetrics(turn, "p", values);
    }

    @Test
    void writesCharsSizeAndFillAndNothingMoreWellInsideTheContext() {
        assertEquals(Map.of("prompt_chars", 4000, "context_size", 8192, "context_fill", 0.122),
                new TurnContext(4000, 1000, 200, 8192).values(List.of()));
        assertEquals(List.of("prompt_chars", "context_size", "context_fill"),
                List.copyOf(new TurnContext(4000, 1000, 200, 8192).values(List.of()).keySet()));
    }

    @Test
    void withoutPromptTokensOnlyCharsAndSize() {
        assertEquals(Map.of("prompt_chars", 10, "context_size", 100), new TurnContext(10, null, 5, 100).values(List.of()));
        assertNull(new TurnContext(10, null, 5, 100).pressure());
    }

    @Test
    void nearFromNinetyPercentOfThePromptFullWhenPromptOrPromptAndAnswerReachTheSize() {
        assertNull(new TurnContext(0, 899, 0, 1000).pressure());
        assertEquals("near", new TurnContext(0, 900, 0, 1000).pressure());
        assertEquals("near", new TurnContext(0, 950, 49, 1000).pressure());
        assertEquals("full", new TurnContext(0, 950, 50, 1000).pressure(), "the answer ran into the end of the context");
        assertEquals("full", new TurnContext(0, 500, 500, 1000).pressure());
        assertEquals("full", new TurnContext(0, 1000, null, 1000).pressure());
        assertEquals("full", new TurnContext(0, 1300, 0, 1000).pressure());
        assertEquals(Map.of("prompt_chars", 0, "context_size", 1000, "context_fill", 1.3, "context_pressure", "full"),
                new TurnContext(0, 1300, 0, 1000).values(List.of()));
        assertEquals(0.9, new TurnContext(0, 900, 0, 1000).values(List.of()).get("context_fill"));
    }

    @Test
    void rejectsAContextBelowOneToken() {
        assertEquals("context size must be at least 1 token, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TurnContext(1, 1, 1, 0)).getMessage());
    }
}
