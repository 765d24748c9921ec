package dev.longhaul.analysis;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flags turns whose quality score dropped, as the seed's {@code detect_degradation} does: a turn is a degradation
 * when the mean score of the {@code window} turns before it exceeds its own score by more than {@code threshold}
 * (strictly, in double arithmetic: a drop of {@code 0.8 - 0.65 = 0.15000000000000002} counts). The first
 * {@code window} turns are never judged. The mean is Python's {@code sum(scores) / len(scores)}, summed left to
 * right; alert values are rounded with Python's {@code round(x, 3)}.
 *
 * <p>Turns are judged by position in the list, so a failed (unscored) turn is simply not part of the window.
 */
public final class DegradationDetector {

    /** The seed's window: five preceding turns. */
    public static final int DEFAULT_WINDOW = 5;

    /** The seed's threshold: a drop of more than 0.15. */
    public static final double DEFAULT_THRESHOLD = 0.15;

    private final int window;
    private final double threshold;

    /** A detector with the seed's window and threshold. */
    public DegradationDetector() {
        this(DEFAULT_WINDOW, DEFAULT_THRESHOLD);
    }

    /**
     * @param window    how many preceding turns form the comparison window, at least 1
     * @param threshold how far below the window mean a score must fall to be flagged; finite
     */
    public DegradationDetector(int window, double threshold) {
        if (window < 1) {
            throw new IllegalArgumentException("degradation window must be at least 1 turn, was " + window);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("degradation threshold must be a finite number, was " + threshold);
        }
        this.window = window;
        this.threshold = threshold;
    }

    /** @return the number of preceding turns averaged */
    public int window() {
        return window;
    }

    /** @return the drop beyond which a turn is flagged */
    public double threshold() {
        return threshold;
    }

    /**
     * All alerts of a run.
     *
     * @param turns the scored turns in order
     * @return the alerts in turn order
     */
    public List<DegradationAlert> detect(List<TurnMetrics> turns) {
        List<DegradationAlert> alerts = new ArrayList<>();
        for (int i = window; i < turns.size(); i++) {
            alertFor(turns, i).ifPresent(alerts::add);
        }
        return alerts;
    }

    /**
     * Judges one turn against the window before it, e.g. the latest turn while a session runs.
     *
     * @param turns the scored turns so far, in order
     * @param index the position of the turn to judge
     * @return its alert, or empty when it did not drop or has fewer than {@code window} turns before it
     */
    public Optional<DegradationAlert> alertFor(List<TurnMetrics> turns, int index) {
        if (index < window || index >= turns.size()) {
            return Optional.empty();
        }
        double sum = 0.0;
        for (int j = index - window; j < index; j++) {
            sum += turns.get(j).qualityScore();
        }
        double windowAvg = sum / window;
        TurnMetrics current = turns.get(index);
        double score = current.qualityScore();
        if (!(windowAvg - score > threshold)) {
            return Optional.empty();
        }
        return Optional.of(new DegradationAlert(current.turn(), current.phase(), PythonFormat.round(score, 3),
                PythonFormat.round(windowAvg, 3), PythonFormat.round(windowAvg - score, 3)));
    }
}
