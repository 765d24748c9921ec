package dev.longhaul.report;

import java.util.List;
import java.util.Objects;

/**
 * The result of one run, in the seed's JSON schema: {@code config}, {@code turn_metrics},
 * {@code degradation_alerts}, {@code summary}, {@code responses}, plus {@code failed_turns}, which the seed lacks.
 * Read and write it with {@link ReportCodec}.
 *
 * @param config            how the run was set up
 * @param turnMetrics       one entry per answered turn, in turn order
 * @param degradationAlerts turns whose score dropped, in turn order
 * @param summary           the run's figures
 * @param responses         prompts and answers, empty unless responses were saved
 * @param failedTurns       turns that got no answer
 */
public record SessionReport(RunConfig config, List<TurnMetrics> turnMetrics, List<DegradationAlert> degradationAlerts,
                            Summary summary, List<SavedResponse> responses, List<FailedTurn> failedTurns) {

    /**
     * Copies the lists.
     *
     * @param config            how the run was set up
     * @param turnMetrics       one entry per answered turn, in turn order
     * @param degradationAlerts turns whose score dropped, in turn order
     * @param summary           the run's figures
     * @param responses         prompts and answers, empty unless responses were saved
     * @param failedTurns       turns that got no answer
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
