package dev.longhaul.session;

import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;

/**
 * Hears a session's progress. Called on the session's thread, in turn order; an exception thrown by a listener is
 * logged and does not stop the run.
 */
@FunctionalInterface
public interface TurnListener {

    /**
     * Called once before the first turn.
     *
     * @param config the run's configuration as it will be reported
     */
    default void onStart(RunConfig config) {
    }

    /**
     * Called after every turn, answered or failed.
     *
     * @param event the turn's outcome
     */
    void onTurn(TurnEvent event);

    /**
     * Called once with the finished report (also when the run stopped early).
     *
     * @param report the report
     */
    default void onFinish(SessionReport report) {
    }
}
