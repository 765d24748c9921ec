package dev.longhaul.report;

/**
 * A turn whose quality score fell more than the threshold below the average of the turns before it
 * (the seed's {@code degradation_alerts} entry). Values are rounded to 3 decimals as the seed rounds them.
 *
 * @param turn            the turn that dropped
 * @param phase           its phase
 * @param currentScore    its quality score
 * @param windowAvg       the average score of the preceding window
 * @param drop            {@code windowAvg - currentScore}
 * @param contextPressure whether this turn or a turn of its window was near or past the context size, or
 *                        suspected of a truncated prompt (written as {@code "context_pressure": true} after the
 *                        seed's keys, left out when false)
 */
public record DegradationAlert(int turn, String phase, double currentScore, double windowAvg, double drop,
                               boolean contextPressure) {

    /**
     * An alert without context pressure, as the seed has them.
     *
     * @param turn         the turn that dropped
     * @param phase        its phase
     * @param currentScore its quality score
     * @param windowAvg    the average score of the preceding window
     * @param drop         {@code windowAvg - currentScore}
     */
    public DegradationAlert(int turn, String phase, double currentScore, double windowAvg, double drop) {
        this(turn, phase, currentScore, windowAvg, drop, false);
    }

    /** @return this alert marked as coinciding with context pressure */
    public DegradationAlert withContextPressure() {
        return new DegradationAlert(turn, phase, currentScore, windowAvg, drop, true);
    }
}
