package dev.longhaul.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A per-turn metric as a typed key: its name in a report's {@code turn_metrics} (snake_case, the JSON's) and the
 * type of its value. This class is the one place a per-turn metric the engine writes or reads is spelled: the seed's
 * ten ({@link #SEED_SCORER}, the default scorer's), the backend's figures the session adds ({@link #SESSION}), the
 * turn mark ({@link #EXCLUDED_FROM_QUALITY}), the backend's own figures the engine reads, the context pressure
 * figures, the probe figures and the token fidelity figures, grouped below by what writes them; a scorer of your own
 * defines its keys with {@link #of(String, Class)}.
 *
 * <p>Read one from a turn with {@link TurnMetrics#get(MetricKey)}: a number is converted to the key's numeric type
 * (a report read back holds whole numbers as it finds them), any other mismatch reads as absent.
 *
 * @param <T> the value's type: {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 *            (and, for the engine's {@link #KLD_VALUES} only, a {@link List} whose elements its reader checks)
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

    /**
     * True for a turn left out of the quality figures (the script's turn mark, written by the session; absent when
     * false): played, scored and listed, but left out of degradation detection, the summary's scores, per-phase
     * averages and comparisons.
     */
    public static final MetricKey<Boolean> EXCLUDED_FROM_QUALITY = of("excluded_from_quality", Boolean.class);

    // The backend's own figures the engine reads (written by the backends among their extra figures).

    /** Prompt tokens the backend evaluated, past its cache (the llama.cpp backend's), when it says. */
    public static final MetricKey<Integer> PROMPT_TOKENS_EVALUATED = of("prompt_tokens_evaluated", Integer.class);
    /** Prompt tokens under the name some reports use instead of {@link #PROMPT_EVAL_COUNT}. */
    public static final MetricKey<Integer> PROMPT_TOKENS = of("prompt_tokens", Integer.class);
    /** Prefill speed in tokens per second as llama-server timed it, when it says. */
    public static final MetricKey<Double> SERVER_PROMPT_PER_SECOND = of("server_prompt_per_second", Double.class);
    /** Decode speed in tokens per second as llama-server timed it, when it says. */
    public static final MetricKey<Double> SERVER_PREDICTED_PER_SECOND =
            of("server_predicted_per_second", Double.class);

    // Context pressure (written by the session when the run knows its context size; see TurnContext).

    /** Characters of all messages sent for the turn (the history window and the prompt). */
    public static final MetricKey<Integer> PROMPT_CHARS = of("prompt_chars", Integer.class);
    /** The context size in tokens the turn was measured against. */
    public static final MetricKey<Integer> CONTEXT_SIZE = of("context_size", Integer.class);
    /** Prompt tokens over the context size, 3 decimals; absent when the backend did not count the prompt. */
    public static final MetricKey<Double> CONTEXT_FILL = of("context_fill", Double.class);
    /** {@code "near"} or {@code "full"} (see {@link ContextPressureCounts}); absent when neither. */
    public static final MetricKey<String> CONTEXT_PRESSURE = of("context_pressure", String.class);
    /** True when the prompt looks truncated by the server; absent otherwise. */
    public static final MetricKey<Boolean> CONTEXT_TRUNCATED_SUSPECTED =
            of("context_truncated_suspected", Boolean.class);
    /** True when the prompt and the answer went past the model's trained context; absent otherwise. */
    public static final MetricKey<Boolean> PAST_TRAINED_CONTEXT = of("past_trained_context", Boolean.class);

    // Probes (written by the session for a turn that plants a fact or asks for one; see ProbeRecall).

    /** A turn that plants a fact: the fact's key. */
    public static final MetricKey<String> PLANT_KEY = of("plant_key", String.class);
    /** A probe turn: the fact's key. */
    public static final MetricKey<String> PROBE_KEY = of("probe_key", String.class);
    /** A probe turn: turns since the fact was planted; null when it never was. */
    public static final MetricKey<Integer> PROBE_DISTANCE_TURNS = of("probe_distance_turns", Integer.class);
    /** A probe turn: whether an expected answer was in the messages sent before its prompt. */
    public static final MetricKey<Boolean> PROBE_IN_CONTEXT = of("probe_in_context", Boolean.class);
    /** A probe turn: whether the answer holds an expected answer. */
    public static final MetricKey<Boolean> PROBE_RECALLED = of("probe_recalled", Boolean.class);

    // Token fidelity against the baseline (written by TokenFidelity for an arm of a shared-history A/B).

    /** The K used: candidates per position. */
    public static final MetricKey<Integer> FIDELITY_TOP_K = of("fidelity_top_k", Integer.class);
    /** Positions compared: the baseline answer's tokens. */
    public static final MetricKey<Integer> FORCED_TOKENS = of("forced_tokens", Integer.class);
    /** Mean KLD over the turn's positions. */
    public static final MetricKey<Double> KLD_MEAN = of("kld_mean", Double.class);
    /** 99th percentile KLD over the turn's positions. */
    public static final MetricKey<Double> KLD_P99 = of("kld_p99", Double.class);
    /** Maximum KLD over the turn's positions. */
    public static final MetricKey<Double> KLD_MAX = of("kld_max", Double.class);
    /** Share of positions with the same top token. */
    public static final MetricKey<Double> SAME_TOP_RATE = of("same_top_rate", Double.class);
    /** Number of positions with the same top token. */
    public static final MetricKey<Integer> SAME_TOP_TOKENS = of("same_top_tokens", Integer.class);
    /** Mean of the arm's minus the baseline's probability of the answer token. */
    public static final MetricKey<Double> DELTA_P_MEAN = of("delta_p_mean", Double.class);
    /** Root mean square of the same. */
    public static final MetricKey<Double> DELTA_P_RMS = of("delta_p_rms", Double.class);
    /** The positions Δp was taken over: those where both backends give the answer token's probability. */
    public static final MetricKey<Long> DELTA_P_TOKENS = of("delta_p_tokens", Long.class);
    /** Greedy only: the baseline token index where the arm's own answer departs; null when it does not. */
    public static final MetricKey<Integer> FIRST_DIVERGENCE_TOKEN = of("first_divergence_token", Integer.class);
    /** The KLD of every position, in answer order: a list of numbers, checked by whoever reads it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final MetricKey<List<?>> KLD_VALUES = new MetricKey<>("kld_values", (Class) List.class);

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
        this.name = name;
        this.type = type;
    }

    /**
     * A metric key, for example one of your scorer's.
     *
     * @param name its name in {@code turn_metrics}, snake_case
     * @param type its value's type
     * @param <T>  that type
     * @return the key; equal to any other key of the same name and type
     * @throws IllegalArgumentException when the name is not snake_case ({@code [a-z][a-z0-9_]*}) or the type is not
     *                                  Integer, Long, Double, Boolean or String
     */
    public static <T> MetricKey<T> of(String name, Class<T> type) {
        MetricKey<T> key = new MetricKey<>(name, Objects.requireNonNull(type, "type"));
        if (!List.of(Integer.class, Long.class, Double.class, Boolean.class, String.class).contains(type)) {
            throw new IllegalArgumentException("metric " + name + ": a report holds Integer, Long, Double, Boolean or "
                    + "String values, not " + type);
        }
        return key;
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
     * @return this metric's value among them, as its type, if there is one: a number under a numeric key is
     *         converted as {@link Number#intValue()}, {@link Number#longValue()} or {@link Number#doubleValue()} do
     *         (a fraction under an Integer key is cut toward zero); a value of another type reads as absent
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
