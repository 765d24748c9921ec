package dev.longhaul.report;

import java.util.List;
import java.util.Objects;

/**
 * The result of one run, in the seed's JSON schema: {@code config}, {@code turn_metrics},
 * {@code degradation_alerts}, {@code summary}, {@code responses}, plus {@code failed_turns}, which the seed lacks.
 * Read and write it with {@link ReportCodec}.
 *
 * @param config            how the run was set up
 * @param turnMetrics       one entry per scored turn, in the order played (also the turns excluded from quality)
 * @param degradationAlerts turns whose score fell more than the threshold below the mean of the scored turns
 *                          before them (the degradation window), in turn order;
 *                          only turns that count for quality are examined
 * @param summary           the run's figures over the scored turns that count for quality
 * @param responses         prompts and answers (also of turns whose scorer failed), empty unless responses were
 *                          saved
 * @param failedTurns       turns without a score, in the order played: turns the backend failed and turns whose
 *                          scorer failed; null reads as empty
 */
public record SessionReport(RunConfig config, List<TurnMetrics> turnMetrics, List<DegradationAlert> degradationAlerts,
                            Summary summary, List<SavedResponse> responses, List<FailedTurn> failedTurns) {

    /**
     * Copies the lists.
     *
     * @param config            how the run was set up
     * @param turnMetrics       one entry per scored turn, in the order played (also the turns excluded from quality)
     * @param degradationAlerts turns whose score fell more than the threshold below the mean of the scored turns
     *                          before them (the degradation window), in turn order;
     *                          only turns that count for quality are examined
     * @param summary           the run's figures over the scored turns that count for quality
     * @param responses         prompts and answers (also of turns whose scorer failed), empty unless responses were
     *                          saved
     * @param failedTurns       turns without a score, in the order played: turns the backend failed and turns whose
     *                          scorer failed; null reads as empty
     */
    public SessionReport {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(summary, "summary");
        turnMetrics = List.copyOf(turnMetrics);
        degradationAlerts = List.copyOf(degradationAlerts);
        responses = List.copyOf(responses);
        failedTurns = List.copyOf(failedTurns == null ? List.of() : failedTurns);
    }

    /** @return the run's label in comparisons: its KV type, as the seed labels runs */
    public String label() {
        return config.kvType() == null ? "run" : config.kvType();
    }
}
