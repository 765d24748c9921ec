package dev.longhaul.report;

/**
 * A report's {@code summary}: the seed's eight figures (rounded as the seed rounds them) and the count of failed
 * turns, which the seed does not have.
 *
 * @param avgQualityScore             mean quality score, rounded to 3 decimals
 * @param minQualityScore             lowest quality score, rounded to 3 decimals
 * @param maxQualityScore             highest quality score, rounded to 3 decimals
 * @param totalDegradationEvents      number of degradation alerts
 * @param firstDegradationTurn        turn of the first alert, or null
 * @param avgResponseLength           mean response length, rounded to 0 decimals (a float, as in the seed)
 * @param totalHallucinatedReferences sum of hallucinated references
 * @param avgRepetitionRatio          mean repetition ratio, rounded to 3 decimals
 * @param failedTurns                 turns that got no answer (left out of every other figure)
 */
public record Summary(double avgQualityScore, double minQualityScore, double maxQualityScore,
                      int totalDegradationEvents, Integer firstDegradationTurn, double avgResponseLength,
                      long totalHallucinatedReferences, double avgRepetitionRatio, int failedTurns) {
}
