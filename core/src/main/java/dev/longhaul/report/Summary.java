package dev.longhaul.report;

/**
 * A report's {@code summary}: the seed's eight figures (rounded as the seed rounds them) and the count of failed
 * turns, which the seed does not have. The three figures of the seed's scorer's own metrics — response length,
 * hallucinated references, repetition — are null when no scored turn has that metric (a scorer of your own that
 * does not report it): absent, not 0, which would read as a perfect run.
 *
 * <p>The figures are rounded in the model, not only in the JSON: a summary made from a run compares exactly as the
 * same summary read back from the report does (see {@code dev.longhaul.analysis.Summaries}).
 *
 * @param avgQualityScore             mean quality score, rounded to 3 decimals
 * @param minQualityScore             lowest quality score, rounded to 3 decimals
 * @param maxQualityScore             highest quality score, rounded to 3 decimals
 * @param totalDegradationEvents      number of degradation alerts
 * @param firstDegradationTurn        turn of the first alert, or null
 * @param avgResponseLength           mean response length, rounded to 0 decimals (a float, as in the seed), or null
 * @param totalHallucinatedReferences sum of hallucinated references, or null
 * @param avgRepetitionRatio          mean repetition ratio, rounded to 3 decimals, or null
 * @param failedTurns                 turns without a score (left out of every other figure)
 */
public record Summary(double avgQualityScore, double minQualityScore, double maxQualityScore,
                      int totalDegradationEvents, Integer firstDegradationTurn, Double avgResponseLength,
                      Long totalHallucinatedReferences, Double avgRepetitionRatio, int failedTurns) {

    /**
     * A summary of a run whose scorer reports all three of the seed's metrics.
     *
     * @param avgQualityScore             mean quality score, rounded to 3 decimals
     * @param minQualityScore             lowest quality score, rounded to 3 decimals
     * @param maxQualityScore             highest quality score, rounded to 3 decimals
     * @param totalDegradationEvents      number of degradation alerts
     * @param firstDegradationTurn        turn of the first alert, or null
     * @param avgResponseLength           mean response length, rounded to 0 decimals
     * @param totalHallucinatedReferences sum of hallucinated references
     * @param avgRepetitionRatio          mean repetition ratio, rounded to 3 decimals
     * @param failedTurns                 turns without a score
     */
    public Summary(double avgQualityScore, double minQualityScore, double maxQualityScore,
                   int totalDegradationEvents, Integer firstDegradationTurn, double avgResponseLength,
                   long totalHallucinatedReferences, double avgRepetitionRatio, int failedTurns) {
        this(avgQualityScore, minQualityScore, maxQualityScore, totalDegradationEvents, firstDegradationTurn,
                (Double) avgResponseLength, (Long) totalHallucinatedReferences, (Double) avgRepetitionRatio,
                failedTurns);
    }
}
