package dev.longhaul.report;

/**
 * A report's {@code summary}: the seed's eight figures and the count of failed turns, which the seed does not
 * have. Every figure but the failed turns is taken over the scored turns that count for quality (turns excluded from
 * quality, such as probe turns, do not). The three figures of the seed's scorer's own metrics — response length,
 * hallucinated references, repetition — are null when there are scored turns but none has that metric (a scorer of
 * your own that does not report it): absent, not 0, which would read as a perfect run. A run without a scored turn
 * has NaN for every mean, minimum and maximum and 0 hallucinated references, as the seed's figures would be
 * undefined.
 *
 * <p>A summary made from a run holds the figures unrounded. The seed rounds them (scores and the repetition ratio
 * to 3 decimals, the response length to 0) when it writes its report and compares the rounded figures;
 * {@link #seedRounded()} gives those, and every place that writes or compares in the seed's format (the report's
 * JSON, the seed's printouts and comparison, the pages' seed tables) uses it. A summary read back from a report
 * holds the rounded figures already; rounding again changes nothing, so a live summary and its report read back
 * write and compare alike.
 *
 * @param avgQualityScore             mean quality score, unrounded; NaN without a scored turn
 * @param minQualityScore             lowest quality score, unrounded; NaN without a scored turn
 * @param maxQualityScore             highest quality score, unrounded; NaN without a scored turn
 * @param totalDegradationEvents      number of degradation alerts
 * @param firstDegradationTurn        turn of the first alert, or null when there is none
 * @param avgResponseLength           mean response length in code points, unrounded, or null
 * @param totalHallucinatedReferences sum of hallucinated references, or null
 * @param avgRepetitionRatio          mean repetition ratio, unrounded, or null
 * @param failedTurns                 turns without a score (left out of every other figure)
 */
public record Summary(double avgQualityScore, double minQualityScore, double maxQualityScore,
                      int totalDegradationEvents, Integer firstDegradationTurn, Double avgResponseLength,
                      Long totalHallucinatedReferences, Double avgRepetitionRatio, int failedTurns) {

    /**
     * A summary of a run whose scorer reports all three of the seed's metrics.
     *
     * @param avgQualityScore             mean quality score, unrounded
     * @param minQualityScore             lowest quality score, unrounded
     * @param maxQualityScore             highest quality score, unrounded
     * @param totalDegradationEvents      number of degradation alerts
     * @param firstDegradationTurn        turn of the first alert, or null
     * @param avgResponseLength           mean response length, unrounded
     * @param totalHallucinatedReferences sum of hallucinated references
     * @param avgRepetitionRatio          mean repetition ratio, unrounded
     * @param failedTurns                 turns without a score
     */
    public Summary(double avgQualityScore, double minQualityScore, double maxQualityScore,
                   int totalDegradationEvents, Integer firstDegradationTurn, double avgResponseLength,
                   long totalHallucinatedReferences, double avgRepetitionRatio, int failedTurns) {
        this(avgQualityScore, minQualityScore, maxQualityScore, totalDegradationEvents, firstDegradationTurn,
                (Double) avgResponseLength, (Long) totalHallucinatedReferences, (Double) avgRepetitionRatio,
                failedTurns);
    }

    /**
     * The figures as the seed writes them: {@code round(x, 3)} for the scores and the repetition ratio,
     * {@code round(x, 0)} (a float) for the response length, with Python's rounding. NaN (a run without a scored
     * turn) and absent figures stay as they are; rounding a rounded summary returns an equal one.
     *
     * @return this summary rounded as in the seed's report
     */
    public Summary seedRounded() {
        return new Summary(PythonFormat.round(avgQualityScore, 3), PythonFormat.round(minQualityScore, 3),
                PythonFormat.round(maxQualityScore, 3), totalDegradationEvents, firstDegradationTurn,
                avgResponseLength == null ? null : PythonFormat.round(avgResponseLength, 0),
                totalHallucinatedReferences,
                avgRepetitionRatio == null ? null : PythonFormat.round(avgRepetitionRatio, 3), failedTurns);
    }
}
