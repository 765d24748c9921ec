package dev.longhaul.report;

import java.util.List;
import java.util.Optional;

/**
 * How many answered turns of a run came near or past the context size, written after the seed's keys in the
 * report's {@code summary} ({@code context_near_turns}, {@code context_full_turns},
 * {@code context_truncated_suspected_turns}, {@code max_context_fill}). Derived from the turns' context keys, so
 * it is present exactly when the run knew its context size.
 *
 * @param nearTurns               turns whose prompt filled at least 90% of the context, short of full
 * @param fullTurns               turns whose prompt, or prompt and answer, reached the context size
 * @param truncationSuspected     turns whose prompt the server evaluated shorter than was sent, past the context
 * @param maxContextFill          the largest {@code context_fill}, or null when no turn had prompt tokens
 */
public record ContextPressureCounts(int nearTurns, int fullTurns, int truncationSuspected, Double maxContextFill) {

    /** Per-turn key: characters of all messages sent for the turn. */
    public static final String PROMPT_CHARS = "prompt_chars";
    /** Per-turn key: the context size in tokens. */
    public static final String CONTEXT_SIZE = "context_size";
    /** Per-turn key: prompt tokens over the context size, 3 decimals. */
    public static final String CONTEXT_FILL = "context_fill";
    /** Per-turn key: {@value #NEAR} or {@value #FULL}; absent when neither. */
    public static final String CONTEXT_PRESSURE = "context_pressure";
    /** Per-turn key: true when the prompt looks truncated by the server; absent otherwise. */
    public static final String TRUNCATION_SUSPECTED = "context_truncated_suspected";
    /** Per-turn key: true when the prompt and the answer went past the model's trained context; absent otherwise. */
    public static final String PAST_TRAINED_CONTEXT = "past_trained_context";
    /** {@link #CONTEXT_PRESSURE} value: the prompt filled at least 90% of the context. */
    public static final String NEAR = "near";
    /** {@link #CONTEXT_PRESSURE} value: the prompt, or prompt and answer, reached the context size. */
    public static final String FULL = "full";

    /**
     * @param turns a run's answered turns
     * @return the counts, or empty when no turn recorded a context size
     */
    public static Optional<ContextPressureCounts> of(List<TurnMetrics> turns) {
        if (turns.stream().noneMatch(t -> t.values().get(CONTEXT_SIZE) instanceof Number)) {
            return Optional.empty();
        }
        int near = 0;
        int full = 0;
        int truncated = 0;
        Double maxFill = null;
        for (TurnMetrics t : turns) {
            Object pressure = t.values().get(CONTEXT_PRESSURE);
            near += NEAR.equals(pressure) ? 1 : 0;
            full += FULL.equals(pressure) ? 1 : 0;
            truncated += Boolean.TRUE.equals(t.values().get(TRUNCATION_SUSPECTED)) ? 1 : 0;
            if (t.values().get(CONTEXT_FILL) instanceof Number fill) {
                maxFill = maxFill == null ? fill.doubleValue() : Math.max(maxFill, fill.doubleValue());
            }
        }
        return Optional.of(new ContextPressureCounts(near, full, truncated, maxFill));
    }

    /**
     * @param turn an answered turn
     * @return whether it was near or past the context size, suspected of a truncated prompt, or past the model's
     *         trained context
     */
    public static boolean isPressured(TurnMetrics turn) {
        return turn.values().get(CONTEXT_PRESSURE) != null || Boolean.TRUE.equals(turn.values().get(TRUNCATION_SUSPECTED))
                || Boolean.TRUE.equals(turn.values().get(PAST_TRAINED_CONTEXT));
    }

    /** @return whether any turn was pressured */
    public boolean any() {
        return nearTurns > 0 || fullTurns > 0 || truncationSuspected > 0;
    }
}
