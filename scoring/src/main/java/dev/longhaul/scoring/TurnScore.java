package dev.longhaul.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of scoring one turn: the named metrics of the turn, among them the composite quality score in
 * {@code quality_score}, held once, in the metrics, and read with {@link #qualityScore()}.
 *
 * <p>{@link #metrics()} keeps insertion order, uses the seed's snake_case keys (for the default scorer:
 * {@code response_length, line_count, code_density, hallucinated_references, has_headers, has_code_blocks,
 * has_lists, repetition_ratio, prompt_relevance, quality_score}) and holds only {@link Integer}, {@link Long},
 * {@link Double}, {@link Boolean} or {@link String} values, so that it maps one to one onto a report's
 * {@code turn_metrics} entry.
 *
 * @param metrics named metric values in report order; {@code quality_score} among them, a finite number
 */
public record TurnScore(Map<String, Object> metrics) {

    /** The metric key under which every scorer reports its composite score. */
    public static final String QUALITY_SCORE = "quality_score";

    /**
     * Copies the metrics into an unmodifiable ordered map and checks them.
     *
     * @param metrics named metric values in report order; {@code quality_score} among them, a finite number
     * @throws IllegalArgumentException when {@code quality_score} is missing or not a finite number, or a value is
     *                                  not a plain scalar
     */
    public TurnScore {
        Objects.requireNonNull(metrics, "metrics");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean
                    || v instanceof String)) {
                throw new IllegalArgumentException("metric '" + e.getKey() + "' has unsupported value type "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            copy.put(Objects.requireNonNull(e.getKey(), "metric name"), v);
        }
        Object score = copy.get(QUALITY_SCORE);
        if (!(score instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(score == null ? "the metrics have no " + QUALITY_SCORE
                    : QUALITY_SCORE + " " + score + " is not a finite number");
        }
        metrics = Collections.unmodifiableMap(copy);
    }

    /**
     * A score whose metrics are the given ones followed by {@code quality_score}.
     *
     * @param qualityScore the composite score
     * @param metrics      the metrics before {@code quality_score}
     * @return the score
     * @throws IllegalArgumentException as the constructor
     */
    public static TurnScore of(double qualityScore, Map<String, Object> metrics) {
        Map<String, Object> all = new LinkedHashMap<>(metrics);
        all.put(QUALITY_SCORE, qualityScore);
        return new TurnScore(all);
    }

    /** @return the composite score that degradation detection and comparisons use: {@code quality_score} */
    public double qualityScore() {
        return ((Number) metrics.get(QUALITY_SCORE)).doubleValue();
    }

    /**
     * This score with further metrics appended after the existing ones (an existing key, {@code quality_score}
     * among them, is not overwritten).
     *
     * @param more the metrics to add
     * @return a new score with the same quality score
     * @throws IllegalArgumentException when an added value is not an Integer, Long, Double, Boolean or String
     */
    public TurnScore plus(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(metrics);
        more.forEach(all::putIfAbsent);
        return new TurnScore(all);
    }
}
