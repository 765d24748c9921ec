package dev.longhaul.report;

/**
 * A turn whose quality score fell more than the threshold below the average of the turns before it
 * (the seed's {@code degradation_alerts} entry). Values are rounded to 3 decimals as the seed rounds them.
 *
 * @param turn         the turn that dropped
 * @param phase        its phase
 * @param currentScore its quality score
 * @param windowAvg    the average score of the preceding window
 * @param drop         {@code windowAvg - currentScore}
 */
public record DegradationAlert(int turn, String phase, double currentScore, double windowAvg, double drop) {
}
