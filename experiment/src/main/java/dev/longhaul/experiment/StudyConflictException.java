package dev.longhaul.experiment;

/**
 * A study directory that a study must not write to as asked: it would replace what an earlier study measured, or
 * the study to resume was started with other settings. The message is one line naming the file and the problem.
 */
public final class StudyConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** What is in the way. */
    public enum Reason {
        /** The directory holds a study that did not finish: resume it, or use another directory. */
        UNFINISHED_STUDY,
        /** A run's journal holds turns of a run without a report: resume it, or use another directory. */
        UNFINISHED_RUN,
        /** A run's report exists from an earlier study: overwriting it must be asked for. */
        FINISHED_REPORT,
        /** The study to resume was started with another value of a setting. */
        SETTINGS_CHANGED,
        /** There is no study to resume in the directory. */
        NO_STUDY
    }

    private final Reason reason;

    StudyConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return what is in the way */
    public Reason reason() {
        return reason;
    }
}
