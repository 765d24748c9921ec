package dev.longhaul.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * Token counts and timings of one answer. Counts are {@code null} where the backend does not report them; the
 * durations are measured on the client side by the backend implementation.
 *
 * @param promptTokens       tokens in the prompt as the backend counted them (includes cached ones), or null
 * @param cachedPromptTokens prompt tokens the backend did not evaluate again (prefix/prompt cache), or null
 * @param completionTokens   tokens generated, or null
 * @param elapsed            wall time from sending the request to the end of the answer
 * @param timeToFirstToken   wall time until the first generated token arrived, or null when not streamed
 * @param tokensPerSecond    generation speed, or null when it cannot be known
 */
public record GenerationStats(Integer promptTokens, Integer cachedPromptTokens, Integer completionTokens,
                              Duration elapsed, Duration timeToFirstToken, Double tokensPerSecond) {

    /**
     * Rejects a null elapsed time.
     *
     * @param promptTokens       tokens in the prompt as the backend counted them (includes cached ones), or null
     * @param cachedPromptTokens prompt tokens the backend did not evaluate again (prefix/prompt cache), or null
     * @param completionTokens   tokens generated, or null
     * @param elapsed            wall time from sending the request to the end of the answer
     * @param timeToFirstToken   wall time until the first generated token arrived, or null when not streamed
     * @param tokensPerSecond    generation speed, or null when it cannot be known
     */
    public GenerationStats {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Stats with only the elapsed time known.
     *
     * @param elapsed wall time of the request
     * @return the stats
     */
    public static GenerationStats elapsedOnly(Duration elapsed) {
        return new GenerationStats(null, null, null, elapsed, null, null);
    }
}
