package dev.longhaul.analysis;

import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;

/**
 * Two runs side by side, with the seed's {@code compare_reports} figures and verdict, plus the failed-turn counts
 * the seed does not have.
 *
 * @param labels            the runs' labels: their KV types, {@code run_a}/{@code run_b} when a run has none
 * @param avgQuality        mean quality scores, rounded to 3 decimals as the seed's reports hold them (NaN for a
 *                          run without a scored turn)
 * @param minQuality        lowest quality scores, rounded likewise
 * @param degradationEvents numbers of degradation alerts
 * @param firstDegradation  turns of the first alert, null when none
 * @param hallucinatedRefs  hallucinated reference totals, null for a run whose scorer does not report them
 * @param repetitionRatio   mean repetition ratios, rounded to 3 decimals, null when not reported
 * @param qualityDelta      {@code round(b.avgQuality - a.avgQuality, 3)}
 * @param verdict           {@code "<label> is BETTER by 0.123"} when the delta exceeds {@value #SIGNIFICANT_DELTA}
 *                          either way, else {@code "No significant quality difference"}
 * @param failedTurns       numbers of turns without a score
 */
public record Comparison(Pair<String> labels, Pair<Double> avgQuality, Pair<Double> minQuality,
                         Pair<Integer> degradationEvents, Pair<Integer> firstDegradation, Pair<Long> hallucinatedRefs,
                         Pair<Double> repetitionRatio, double qualityDelta, String verdict,
                         Pair<Integer> failedTurns) {

    /** The quality delta a verdict needs to name a better run (exclusive), as in the seed. */
    public static final double SIGNIFICANT_DELTA = 0.05;

    /**
     * Compares two reports, labelling them by {@code config.kv_type} as the seed does.
     *
     * @param a the first run (the baseline)
     * @param b the second run
     * @return the comparison of {@code b} against {@code a}: a positive delta means {@code b} scored higher
     */
    public static Comparison of(SessionReport a, SessionReport b) {
        String labelA = a.config().kvType() == null ? "run_a" : a.config().kvType();
        String labelB = b.config().kvType() == null ? "run_b" : b.config().kvType();
        return of(labelA, a.summary(), labelB, b.summary());
    }

    /**
     * Compares two summaries under given labels, as the seed compares two reports: on their figures rounded as the
     * reports hold them ({@link Summary#seedRounded()}), whether the summaries were made from runs now or read back.
     *
     * @param labelA the first run's label
     * @param a      the first run's summary
     * @param labelB the second run's label
     * @param b      the second run's summary
     * @return the comparison of {@code b} against {@code a}: a positive delta means {@code b} scored higher
     */
    public static Comparison of(String labelA, Summary a, String labelB, Summary b) {
        Summary seedA = a.seedRounded();
        Summary seedB = b.seedRounded();
        double delta = PythonFormat.round(seedB.avgQualityScore() - seedA.avgQualityScore(), 3);
        String verdict;
        if (delta > SIGNIFICANT_DELTA) {
            verdict = labelB + " is BETTER by " + PythonFormat.fixed(delta, 3);
        } else if (delta < -SIGNIFICANT_DELTA) {
            verdict = labelA + " is BETTER by " + PythonFormat.fixed(Math.abs(delta), 3);
        } else {
            verdict = "No significant quality difference";
        }
        return new Comparison(
                new Pair<>(labelA, labelB),
                new Pair<>(seedA.avgQualityScore(), seedB.avgQualityScore()),
                new Pair<>(seedA.minQualityScore(), seedB.minQualityScore()),
                new Pair<>(seedA.totalDegradationEvents(), seedB.totalDegradationEvents()),
                new Pair<>(seedA.firstDegradationTurn(), seedB.firstDegradationTurn()),
                new Pair<>(seedA.totalHallucinatedReferences(), seedB.totalHallucinatedReferences()),
                new Pair<>(seedA.avgRepetitionRatio(), seedB.avgRepetitionRatio()),
                delta,
                verdict,
                new Pair<>(seedA.failedTurns(), seedB.failedTurns()));
    }
}
