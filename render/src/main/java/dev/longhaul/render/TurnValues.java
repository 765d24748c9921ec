package dev.longhaul.render;

import dev.longhaul.report.MetricKey;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.TurnMetrics;

/**
 * The per-turn figures the charts and tables plot, read from a turn's metrics whatever backend wrote them:
 * absent, non-numeric (the seed's {@code "?"}) or non-finite values read as null.
 */
final class TurnValues {

    private TurnValues() {
    }

    /**
     * @param turn the turn
     * @param key  a numeric metric
     * @return its finite numeric value, or null
     */
    static Double number(TurnMetrics turn, MetricKey<? extends Number> key) {
        double value = turn.numberOrNaN(key);
        return Double.isFinite(value) ? value : null;
    }

    /** @return the tokens of the prompt as the backend counted them ({@code prompt_eval_count}, the seed's key, or
     *          {@code prompt_tokens}), or null */
    static Double promptTokens(TurnMetrics turn) {
        Double count = number(turn, MetricKey.PROMPT_EVAL_COUNT);
        return count != null ? count : number(turn, MetricKey.PROMPT_TOKENS);
    }

    /** @return the context size at this turn: the turn's own {@code context_size} when it has one, else the
     *          run's ({@code config.context_size}), or null */
    static Double contextSize(TurnMetrics turn, RunConfig config) {
        Double own = number(turn, MetricKey.CONTEXT_SIZE);
        if (own != null) {
            return own;
        }
        return config.contextSize().map(Integer::doubleValue).orElse(null);
    }
}
