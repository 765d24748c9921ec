package dev.longhaul.analysis;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Computes a run's {@link Summary} as the seed does, unrounded: means are Python's {@code sum(values) / len(values)}
 * (summed left to right, as Python up to 3.11 sums floats), {@code min}/{@code max} keep the first extreme value.
 * The seed's rounding ({@code round(x, 3)}, {@code round(x, 0)} for the response length) is
 * {@link Summary#seedRounded()}, applied where the seed's format is written or compared.
 *
 * <p>The means are computed, as in the seed, from the per-turn values as the report holds them (the scorer's
 * quality scores, rounded by the scorer as the seed's formula does), so that a summary made now and one made from
 * the report read back agree to the last digit.
 *
 * <p>Only scored turns count; failed turns are only counted. A run without a single scored turn, where the seed
 * would divide by zero, gets NaN for every mean, minimum and maximum (and 0 hallucinated references). When there
 * are scored turns, a figure of a metric none of them has (a scorer without {@code response_length}, say) is null.
 */
public final class Summaries {

    private Summaries() {
    }

    /**
     * The summary of a run.
     *
     * @param turns           the scored turns that count (a session passes those not excluded from quality)
     * @param alerts          the run's degradation alerts, in turn order
     * @param failedTurnCount turns without a score, backend and scorer failures alike
     * @return the summary, unrounded
     */
    public static Summary of(List<TurnMetrics> turns, List<DegradationAlert> alerts, int failedTurnCount) {
        List<TurnMetrics> withLength = having(turns, MetricKey.RESPONSE_LENGTH);
        List<TurnMetrics> withHallucinations = having(turns, MetricKey.HALLUCINATED_REFERENCES);
        List<TurnMetrics> withRepetition = having(turns, MetricKey.REPETITION_RATIO);
        Double avgLength = null;
        if (turns.isEmpty() || !withLength.isEmpty()) {
            long totalLength = 0;
            for (TurnMetrics turn : withLength) {
                totalLength += turn.responseLength();
            }
            avgLength = withLength.isEmpty() ? Double.NaN : (double) totalLength / withLength.size();
        }
        Long hallucinated = null;
        if (turns.isEmpty() || !withHallucinations.isEmpty()) {
            hallucinated = 0L;
            for (TurnMetrics turn : withHallucinations) {
                hallucinated += turn.hallucinatedReferences();
            }
        }
        Double repetition = turns.isEmpty() || !withRepetition.isEmpty()
                ? mean(withRepetition, TurnMetrics::repetitionRatio) : null;
        return new Summary(
                mean(turns, TurnMetrics::qualityScore),
                extreme(turns, -1),
                extreme(turns, +1),
                alerts.size(),
                alerts.isEmpty() ? null : alerts.get(0).turn(),
                avgLength,
                hallucinated,
                repetition,
                failedTurnCount);
    }

    /**
     * The summary a report's run had when it finished, from the report's own turns: over the answered turns not
     * excluded from the quality figures, with the report's alerts and failed turns, unrounded. A report read back
     * from its file holds its summary as the file has it, rounded as the seed writes it; this gives the run's own
     * figures again (for a report longhaul wrote: the live summary to the last digit).
     *
     * @param report a report
     * @return the summary of its turns
     */
    public static Summary of(SessionReport report) {
        List<TurnMetrics> measured = report.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).toList();
        return of(measured, report.degradationAlerts(), report.failedTurns().size());
    }

    /** The turns whose scorer reported {@code metric}. */
    private static List<TurnMetrics> having(List<TurnMetrics> turns, MetricKey<?> metric) {
        return turns.stream().filter(t -> t.get(metric).isPresent()).toList();
    }

    /** Python's {@code sum(values) / len(values)} over floats; NaN when there are none. */
    static double mean(List<Double> values) {
        return mean(values, Double::doubleValue);
    }

    private static <T> double mean(List<T> items, ToDoubleFunction<T> value) {
        if (items.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (T item : items) {
            sum += value.applyAsDouble(item);
        }
        return sum / items.size();
    }

    /** Python's min (direction -1) or max (+1) of the scores: the first value no other beats. */
    private static double extreme(List<TurnMetrics> turns, int direction) {
        if (turns.isEmpty()) {
            return Double.NaN;
        }
        double best = turns.get(0).qualityScore();
        for (TurnMetrics turn : turns) {
            double score = turn.qualityScore();
            if (direction < 0 ? score < best : score > best) {
                best = score;
            }
        }
        return best;
    }
}
