package dev.longhaul.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A per-turn metric as a typed key: its name in a report's {@code turn_metrics} (snake_case, the JSON's) and the
 * type of its value. The catalogue holds the seed's ten ({@link #SEED_SCORER}, the default scorer's), the backend's
 * figures the session adds ({@link #SESSION}), and {@link #excludedFromQuality() the turn mark}; a scorer of your
 * own defines its keys with {@link #of(String, Class)}.
 *
 * <p>Read one from a turn with {@link TurnMetrics#get(MetricKey)}: a number is converted to the key's numeric type
 * (a report read back holds whole numbers as it finds them), any other mismatch reads as absent.
 *
 * @param <T> the value's type: {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 */
public final class MetricKey<T> {

    /** The response's length in code points (the seed's). */
    public static final MetricKey<Integer> RESPONSE_LENGTH = of("response_length", Integer.class);
    /** Lines of the response (the seed's). */
    public static final MetricKey<Integer> LINE_COUNT = of("line_count", Integer.class);
    /** The share of code lines (the seed's). */
    public static final MetricKey<Double> CODE_DENSITY = of("code_density", Double.class);
    /** Back-references to earlier turns that look made up (the seed's). */
    public static final MetricKey<Integer> HALLUCINATED_REFERENCES = of("hallucinated_references", Integer.class);
    /** Whether the response has Markdown headers (the seed's). */
    public static final MetricKey<Boolean> HAS_HEADERS = of("has_headers", Boolean.class);
    /** Whether it has fenced code blocks (the seed's). */
    public static final MetricKey<Boolean> HAS_CODE_BLOCKS = of("has_code_blocks", Boolean.class);
    /** Whether it has lists, by the scorer's list rule (the seed's). */
    public static final MetricKey<Boolean> HAS_LISTS = of("has_lists", Boolean.class);
    /** The share of repeated sentences (the seed's). */
    public static final MetricKey<Double> REPETITION_RATIO = of("repetition_ratio", Double.class);
    /** The share of the prompt's words the response takes up (the seed's). */
    public static final MetricKey<Double> PROMPT_RELEVANCE = of("prompt_relevance", Double.class);
    /** The composite score every scorer reports (the seed's). */
    public static final MetricKey<Double> QUALITY_SCORE = of("quality_score", Double.class);

    /** Seconds the turn took (the seed's, rounded to 2 decimals). */
    public static final MetricKey<Double> ELAPSED_S = of("elapsed_s", Double.class);
    /** Tokens generated (the seed's; 0 when the backend does not say). */
    public static final MetricKey<Integer> TOKENS_GENERATED = of("tokens_generated", Integer.class);
    /** Tokens per second (the seed's, rounded to 1 decimal), when the backend says. */
    public static final MetricKey<Double> TOKENS_PER_S = of("tokens_per_s", Double.class);
    /** Prompt tokens evaluated (the seed's), when the backend says. */
    public static final MetricKey<Integer> PROMPT_EVAL_COUNT = of("prompt_eval_count", Integer.class);
    /** Prompt tokens the backend had cached, when it says. */
    public static final MetricKey<Integer> CACHED_PROMPT_TOKENS = of("cached_prompt_tokens", Integer.class);
    /** Seconds to the first answer token (rounded to 3 decimals), when streamed. */
    public static final MetricKey<Double> TTFT_S = of("ttft_s", Double.class);
    /** Why the answer ended ({@code stop}, {@code length}, …), when the backend says. */
    public static final MetricKey<String> FINISH_REASON = of("finish_reason", String.class);

    private static final MetricKey<Boolean> EXCLUDED_FROM_QUALITY =
            of(TurnMetrics.EXCLUDED_FROM_QUALITY, Boolean.class);

    /** The default scorer's ten, in report order. */
    public static final List<MetricKey<?>> SEED_SCORER = List.of(RESPONSE_LENGTH, LINE_COUNT, CODE_DENSITY,
            HALLUCINATED_REFERENCES, HAS_HEADERS, HAS_CODE_BLOCKS, HAS_LISTS, REPETITION_RATIO, PROMPT_RELEVANCE,
            QUALITY_SCORE);

    /** The backend's figures the session writes after the scorer's, in report order (the seed's four first). */
    public static final List<MetricKey<?>> SESSION = List.of(ELAPSED_S, TOKENS_GENERATED, TOKENS_PER_S,
            PROMPT_EVAL_COUNT, CACHED_PROMPT_TOKENS, TTFT_S, FINISH_REASON);

    private final String name;
    private final Class<T> type;

    private MetricKey(String name, Class<T> type) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("metric name '" + name + "' must be snake_case: a-z, 0-9 and _");
        }
        if (!List.of(Integer.class, Long.class, Double.class, Boolean.class, String.class).contains(type)) {
            throw new IllegalArgumentException("metric " + name + ": a report holds Integer, Long, Double, Boolean or "
                    + "String values, not " + type);
        }
        this.name = name;
        this.type = type;
    }

    /**
     * A metric key, for example one of your scorer's.
     *
     * @param name its name in {@code turn_metrics}, snake_case
     * @param type its value's type
     * @param <T>  that type
     * @return the key
     */
    public static <T> MetricKey<T> of(String name, Class<T> type) {
        return new MetricKey<>(name, Objects.requireNonNull(type, "type"));
    }

    /** @return the turn mark of {@link TurnMetrics#EXCLUDED_FROM_QUALITY} */
    public static MetricKey<Boolean> excludedFromQuality() {
        return EXCLUDED_FROM_QUALITY;
    }

    /** @return its name in {@code turn_metrics} */
    public String name() {
        return name;
    }

    /** @return its value's type */
    public Class<T> type() {
        return type;
    }

    /**
     * @param values a turn's metric values by name
     * @return this metric's value among them, as its type, if there is one
     */
    public Optional<T> in(Map<String, Object> values) {
        Object v = values.get(name);
        if (v instanceof Number n && Number.class.isAssignableFrom(type)) {
            return Optional.of(type.cast(converted(n)));
        }
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    /** The number as this key's numeric type (not a conditional expression: that would unbox all to double). */
    private Object converted(Number n) {
        if (type == Integer.class) {
            return n.intValue();
        }
        if (type == Long.class) {
            return n.longValue();
        }
        return n.doubleValue();
    }

    /** Keys are equal when their names and types are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MetricKey<?> other && name.equals(other.name) && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
