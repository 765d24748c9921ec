package dev.longhaul.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Study} ended: what it measured, the comparison document it wrote, and whether it may be judged.
 *
 * @param result         the finished runs' reports and comparisons (after an interrupt: what was finished)
 * @param document       the comparison document, as written to {@code comparisonFile}
 * @param comparisonFile where the document was written ({@value StudyFiles#COMPARISON} in the study directory)
 * @param interruption   why the study stopped before its last run (the run cut short), or null when it played all
 */
public record StudyOutcome(ExperimentResult result, ComparisonDocument document, Path comparisonFile,
                           String interruption) {

    /** How the study ended, the first that applies in this order. */
    public enum Kind {
        /** Interrupted (Ctrl-C, SIGTERM): the journals keep every finished turn, resuming plays the rest. */
        INTERRUPTED,
        /** Some arm answered no turn at all: there is nothing to judge it by ({@link #unansweredArms()}). */
        ARMS_UNANSWERED,
        /** Every arm answered, but some run stopped early (too many failed turns in a row). */
        STOPPED_EARLY,
        /** Every run played every turn. */
        FINISHED
    }

    /**
     * Requires the result, the document and the file.
     *
     * @param result         the finished runs' reports and comparisons
     * @param document       the comparison document
     * @param comparisonFile where the document was written
     * @param interruption   why the study stopped early, or null
     */
    public StudyOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(comparisonFile, "comparisonFile");
    }

    /**
     * @return the labels of the arms none of whose reports holds a scored turn (every turn failed, or none was
     *         played), in arm order
     */
    public List<String> unansweredArms() {
        return result.labels().stream()
                .filter(label -> result.reports(label).stream().allMatch(r -> r.turnMetrics().isEmpty())).toList();
    }

    /** @return how the study ended */
    public Kind kind() {
        if (interruption != null) {
            return Kind.INTERRUPTED;
        }
        if (!unansweredArms().isEmpty()) {
            return Kind.ARMS_UNANSWERED;
        }
        return result.stoppedEarly() ? Kind.STOPPED_EARLY : Kind.FINISHED;
    }
}
