package dev.longhaul.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CSV's metric columns in a fixed order, whatever order the turns list their metrics in: the seed's metrics in
 * the seed's order ({@link #SEED}), then longhaul's ({@link #LONGHAUL}), then the degradation and failure columns,
 * then every other metric (a plugged-in scorer's, a backend's own) in the order the turns first have it. Only
 * metrics some turn has get a column.
 */
final class CsvColumns {

    /** The seed's turn metrics, in the order its {@code compute_metrics} and query functions write them. */
    static final List<String> SEED = List.of("response_length", "line_count", "code_density",
            "hallucinated_references", "has_headers", "has_code_blocks", "has_lists", "repetition_ratio",
            "prompt_relevance", "quality_score", "elapsed_s", "tokens_generated", "tokens_per_s", "prompt_eval_count",
            "prompt_tokens");

    /** longhaul's own turn metrics, in this order. */
    static final List<String> LONGHAUL = List.of("excluded_from_quality", "cached_prompt_tokens", "ttft_s",
            "finish_reason", "prompt_tokens_evaluated", "n_predict", "server_cache_n", "server_prompt_n",
            "server_prompt_ms", "server_prompt_per_second", "server_predicted_n", "server_predicted_ms",
            "server_predicted_per_second", "server_tokens_per_s", "num_ctx", "total_duration_s", "load_duration_s",
            "prompt_eval_duration_s", "eval_duration_s", "http_attempts", "prompt_chars", "context_size",
            "context_fill", "context_pressure", "context_truncated_suspected", "past_trained_context", "plant_key",
            "probe_key", "probe_distance_turns", "probe_in_context", "probe_recalled", "fidelity_top_k",
            "forced_tokens", "kld_mean", "kld_p99", "kld_max", "same_top_rate", "same_top_tokens", "delta_p_mean",
            "delta_p_rms", "delta_p_tokens", "first_divergence_token", "kld_values");

    /** The columns after the metrics of {@link #SEED} and {@link #LONGHAUL}: alerts and failures. */
    static final List<String> EVENTS = List.of("degradation_window_avg", "degradation_drop", "failure_kind",
            "failure_attempts", "failure_message");

    private CsvColumns() {
    }

    /**
     * @param present every metric key some turn has, in first-seen order
     * @return the seed's and longhaul's keys among them, in the fixed order
     */
    static List<String> known(Set<String> present) {
        List<String> known = new ArrayList<>();
        SEED.stream().filter(present::contains).forEach(known::add);
        LONGHAUL.stream().filter(present::contains).forEach(known::add);
        return known;
    }

    /**
     * @param present every metric key some turn has, in first-seen order
     * @return the others, in first-seen order
     */
    static List<String> extras(Set<String> present) {
        return present.stream().filter(k -> !SEED.contains(k) && !LONGHAUL.contains(k)).toList();
    }
}
