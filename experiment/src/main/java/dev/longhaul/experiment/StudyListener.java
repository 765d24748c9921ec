package dev.longhaul.experiment;

/**
 * Hears a {@link Study}: every run's progress, as an {@link ExperimentListener} does, and the comparison document
 * once every run is over, just before the study writes it to {@value StudyFiles#COMPARISON}.
 */
public interface StudyListener extends ExperimentListener {

    /**
     * After the last run (or the interrupt), before {@value StudyFiles#COMPARISON} is written.
     *
     * @param document what the study measured and compared
     */
    default void onComparison(ComparisonDocument document) {
    }
}
