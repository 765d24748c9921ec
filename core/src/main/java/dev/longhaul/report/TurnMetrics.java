package dev.longhaul.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a report's {@code turn_metrics}: the turn, its phase, and every measured value in report order —
 * the scorer's metrics (for the default scorer the seed's ten) followed by the backend's stats ({@code elapsed_s},
 * {@code tokens_generated}, {@code tokens_per_s}, {@code prompt_eval_count}, …).
 *
 * @param turn   1-based turn number
 * @param phase  the script phase
 * @param values metric name to value, in report order, without {@code turn} and {@code phase}
 */
public record TurnMetrics(int turn, String phase, Map<String, Object> values) {

    /**
     * Copies {@code values} into an unmodifiable ordered map; requires a numeric {@code quality_score} and no
     * {@code turn} or {@code phase} key among the values.
     *
     * @param turn   1-based turn number
     * @param phase  the script phase
     * @param values metric name to value, in report order, without {@code turn} and {@code phase}
     */
    public TurnMetrics {
        Objects.requireNonNull(phase, "phase");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (values.containsKey("turn") || values.containsKey("phase")) {
            throw new IllegalArgumentException("turn " + turn + ": 'turn' and 'phase' are not metric values");
        }
        if (!(values.get(MetricKey.QUALITY_SCORE.name()) instanceof Number)) {
            throw new IllegalArgumentException("turn " + turn + " has no numeric quality_score");
        }
    }

    /**
     * @return whether this turn is excluded from the quality figures ({@link MetricKey#EXCLUDED_FROM_QUALITY} true):
     *         played, scored and listed, but left out of degradation detection, the summary's scores, per-phase
     *         averages and comparisons
     */
    public boolean excludedFromQuality() {
        return isTrue(MetricKey.EXCLUDED_FROM_QUALITY);
    }

    /** @return the composite quality score the scorer gave, in [0, 1] for the seed's formula */
    public double qualityScore() {
        return number(MetricKey.QUALITY_SCORE.name()).doubleValue();
    }

    /**
     * @param key a metric
     * @param <T> its type
     * @return its value in this turn, as its type, if the turn has one
     */
    public <T> Optional<T> get(MetricKey<T> key) {
        return key.in(values);
    }

    /**
     * @param key a metric
     * @return whether the turn holds a value under the key's name, even null (a greedy turn's
     *         {@link MetricKey#FIRST_DIVERGENCE_TOKEN} is null when the answers did not depart)
     */
    public boolean has(MetricKey<?> key) {
        return values.containsKey(key.name());
    }

    /**
     * @param key a flag
     * @return whether the turn holds true under it (absent, false or not a boolean read as false)
     */
    public boolean isTrue(MetricKey<Boolean> key) {
        return get(key).orElse(false);
    }

    /**
     * A numeric value, as written.
     *
     * @param key a numeric metric
     * @return the value
     * @throws IllegalArgumentException when it is absent or not a number
     */
    public Number number(MetricKey<? extends Number> key) {
        return number(key.name());
    }

    /**
     * @param key a numeric metric
     * @return its value as a double, whatever number type holds it; NaN when absent or not a number
     */
    public double numberOrNaN(MetricKey<? extends Number> key) {
        return values.get(key.name()) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** @return the response length in code points (0 when absent) */
    public long responseLength() {
        return numberOrZero(MetricKey.RESPONSE_LENGTH.name()).longValue();
    }

    /** @return the number of hallucinated back-references (0 when absent) */
    public long hallucinatedReferences() {
        return numberOrZero(MetricKey.HALLUCINATED_REFERENCES.name()).longValue();
    }

    /** @return the repetition ratio (0 when absent) */
    public double repetitionRatio() {
        return numberOrZero(MetricKey.REPETITION_RATIO.name()).doubleValue();
    }

    /**
     * A numeric value.
     *
     * @param key the metric name
     * @return the value
     * @throws IllegalArgumentException when it is absent or not a number
     */
    public Number number(String key) {
        Object v = values.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("turn " + turn + " has no numeric '" + key + "'");
        }
        return (Number) v;
    }

    private Number numberOrZero(String key) {
        Object v = values.get(key);
        return v instanceof Number ? (Number) v : 0;
    }
}
