package dev.longhaul.samples.replay;

import dev.longhaul.backend.GenerationStats;
import java.util.Objects;

/**
 * One answer of a recorded conversation, with the figures recorded beside it.
 *
 * @param prompt       the user prompt it answered
 * @param response     the answer
 * @param stats        the recorded timings and token counts (elapsed time zero when none were recorded)
 * @param finishReason the recorded finish reason, or null
 */
public record RecordedAnswer(String prompt, String response, GenerationStats stats, String finishReason) {

    /**
     * Rejects nulls but the finish reason.
     *
     * @param prompt       the user prompt it answered
     * @param response     the answer
     * @param stats        the recorded timings and token counts (elapsed time zero when none were recorded)
     * @param finishReason the recorded finish reason, or null
     */
    public RecordedAnswer {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(stats, "stats");
    }
}
