package dev.longhaul.session;

import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;

/**
 * Hears a session's progress. Called on the thread that plays the turns ({@link LongSession#run()}'s caller, or the
 * caller of {@link SteppedSession#play}), in the order the turns are played; an exception thrown by a listener is
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
     * Called after every turn played, answered or failed; not for the turns a resumed run restores from its
     * checkpoint.
     *
     * @param event the turn's outcome
     */
    void onTurn(TurnEvent event);

    /**
     * Called once with the finished report (also when the run stopped early).
     *
     * @param report the report the run returns
     */
    default void onFinish(SessionReport report) {
    }
}
