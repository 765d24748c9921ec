package dev.longhaul.experiment;

import dev.longhaul.report.SessionReport;
import dev.longhaul.session.TurnEvent;
import java.nio.file.Path;

/**
 * Hears an experiment's progress, on the thread that runs the experiment — or, with
 * {@link AbExperiment.Builder#parallel(int)} above 1, on the runs' own threads, possibly at the same time, so that a
 * listener of parallel runs must be thread-safe. One run is heard in order: its start, its turns, its report, its
 * saved file. In shared-history mode the runs of one repeat start together and their turns interleave (the
 * baseline's turn, then each arm's answer to it).
 */
public interface ExperimentListener {

    /**
     * Before a run's backend is launched.
     *
     * @param run the run
     */
    default void onRunStart(ArmRun run) {
    }

    /**
     * After each turn of a run, answered or failed.
     *
     * @param run   the run
     * @param event the turn's outcome
     */
    default void onTurn(ArmRun run, TurnEvent event) {
    }

    /**
     * With a run's finished report (also when it stopped early, or was cut short by an interrupt), including the
     * experiment's config keys.
     *
     * @param run    the run
     * @param report its report
     */
    default void onRunFinish(ArmRun run, SessionReport report) {
    }

    /**
     * After a run's report was saved in the study directory (only with {@link AbExperiment.Builder#journal}): a run
     * that played every turn or stopped for failed turns; not one cut short by an interrupt, whose journal keeps its
     * turns.
     *
     * @param run  the run
     * @param file the report file written
     */
    default void onRunSaved(ArmRun run, Path file) {
    }

    /**
     * Instead of the other calls, for a run of a resumed study that finished in an earlier session: it is not
     * played again.
     *
     * @param run    the run
     * @param report its report, read back
     * @param file   where it was read from
     */
    default void onRunRestored(ArmRun run, SessionReport report, Path file) {
    }
}
