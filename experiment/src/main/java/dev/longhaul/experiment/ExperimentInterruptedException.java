package dev.longhaul.experiment;

/**
 * An experiment stopped by an interrupt (Ctrl-C, SIGTERM): carries what it had finished — the reports of the runs
 * that ended (played every turn, or stopped for failed turns) and the comparisons of the arms whose runs are
 * complete — while the run in flight is
 * neither reported nor compared (with a {@link StudyDirectory} its journal keeps its turns, and resuming the study
 * plays the rest).
 */
public final class ExperimentInterruptedException extends InterruptedException {

    private static final long serialVersionUID = 1L;

    private final transient ExperimentResult finished;

    ExperimentInterruptedException(String message, ExperimentResult finished) {
        super(message);
        this.finished = finished;
    }

    /** @return the finished runs' reports and the comparisons of what is complete */
    public ExperimentResult finished() {
        return finished;
    }
}
