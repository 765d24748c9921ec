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

    /** {@link MetricKey#CONTEXT_PRESSURE} value: the prompt filled at least 90% of the context. */
    public static final String NEAR = "near";
    /** {@link MetricKey#CONTEXT_PRESSURE} value: the prompt, or prompt and answer, reached the context size. */
    public static final String FULL = "full";

    /**
     * @param turns a run's answered turns
     * @return the counts, or empty when no turn recorded a context size
     */
    public static Optional<ContextPressureCounts> of(List<TurnMetrics> turns) {
        if (turns.stream().noneMatch(t -> t.get(MetricKey.CONTEXT_SIZE).isPresent())) {
            return Optional.empty();
        }
        int near = 0;
        int full = 0;
        int truncated = 0;
        Double maxFill = null;
        for (TurnMetrics t : turns) {
            String pressure = t.get(MetricKey.CONTEXT_PRESSURE).orElse(null);
            near += NEAR.equals(pressure) ? 1 : 0;
            full += FULL.equals(pressure) ? 1 : 0;
            truncated += t.isTrue(MetricKey.CONTEXT_TRUNCATED_SUSPECTED) ? 1 : 0;
            Double fill = t.get(MetricKey.CONTEXT_FILL).orElse(null);
            if (fill != null) {
                maxFill = maxFill == null ? fill : Math.max(maxFill, fill);
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
        return turn.get(MetricKey.CONTEXT_PRESSURE).isPresent() || turn.isTrue(MetricKey.CONTEXT_TRUNCATED_SUSPECTED)
                || turn.isTrue(MetricKey.PAST_TRAINED_CONTEXT);
    }

    /** @return whether any turn was pressured */
    public boolean any() {
        return nearTurns > 0 || fullTurns > 0 || truncationSuspected > 0;
    }
}
