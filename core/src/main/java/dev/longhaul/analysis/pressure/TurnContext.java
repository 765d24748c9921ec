package dev.longhaul.analysis.pressure;

import static dev.longhaul.report.ContextPressureCounts.FULL;
import static dev.longhaul.report.ContextPressureCounts.NEAR;

import dev.longhaul.report.MetricKey;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.TurnMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One turn's prompt against the context window, and the per-turn figures that follow from it:
 * {@code prompt_chars}, {@code context_size}, {@code context_fill} (prompt tokens over the context size, 3
 * decimals), {@code context_pressure} ({@code "full"} when the prompt, or the prompt and the answer, reached the
 * context size; {@code "near"} when the prompt filled at least {@value #NEAR_FILL} of it; absent otherwise) and
 * {@code context_truncated_suspected} (see {@link TruncationCheck}; absent unless true).
 *
 * @param promptChars      characters of all messages sent (the history window and the prompt)
 * @param promptTokens     prompt tokens as the backend counted them, or null when it did not say
 * @param completionTokens tokens generated, or null when the backend did not say
 * @param contextSize      the context window in tokens, at least 1
 */
public record TurnContext(int promptChars, Integer promptTokens, Integer completionTokens, int contextSize) {

    /** The share of the context a prompt must fill to count as near it. */
    public static final double NEAR_FILL = 0.9;

    /**
     * Rejects a context size below 1.
     *
     * @param promptChars      characters of all messages sent (the history window and the prompt)
     * @param promptTokens     prompt tokens as the backend counted them, or null when it did not say
     * @param completionTokens tokens generated, or null when the backend did not say
     * @param contextSize      the context window in tokens, at least 1
     */
    public TurnContext {
        if (contextSize < 1) {
            throw new IllegalArgumentException("context size must be at least 1 token, was " + contextSize);
        }
    }

    /**
     * @param earlier the run's answered turns before this one, in order
     * @return the turn's context figures in report order
     */
    public Map<String, Object> values(List<TurnMetrics> earlier) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(MetricKey.PROMPT_CHARS.name(), promptChars);
        values.put(MetricKey.CONTEXT_SIZE.name(), contextSize);
        if (promptTokens == null) {
            return values;
        }
        values.put(MetricKey.CONTEXT_FILL.name(), PythonFormat.round((double) promptTokens / contextSize, 3));
        String pressure = pressure();
        if (pressure != null) {
            values.put(MetricKey.CONTEXT_PRESSURE.name(), pressure);
        }
        if (TruncationCheck.suspected(this, earlier)) {
            values.put(MetricKey.CONTEXT_TRUNCATED_SUSPECTED.name(), true);
        }
        return values;
    }

    /** @return {@code "full"}, {@code "near"}, or null when the prompt left room or its size is unknown */
    public String pressure() {
        if (promptTokens == null) {
            return null;
        }
        long used = (long) promptTokens + (completionTokens == null ? 0 : completionTokens);
        if (promptTokens >= contextSize || used >= contextSize) {
            return FULL;
        }
        return promptTokens >= NEAR_FILL * contextSize ? NEAR : null;
    }
}
