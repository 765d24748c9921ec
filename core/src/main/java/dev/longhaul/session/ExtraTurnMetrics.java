package dev.longhaul.session;

import dev.longhaul.backend.ChatResponse;
import dev.longhaul.script.ScriptedTurn;
import java.util.Map;

/**
 * Further metrics of an answered turn, computed by the caller of a {@link SteppedSession} (e.g. token-level fidelity
 * against another session's answer) and appended to the turn's metrics after the scorer's and the backend's; a key
 * already present keeps its value.
 */
@FunctionalInterface
public interface ExtraTurnMetrics {

    /** No further metrics. */
    ExtraTurnMetrics NONE = (turn, response) -> Map.of();

    /**
     * Called after the scorer, on the thread that plays the turn. An exception it throws is logged and the turn keeps
     * its answer, its score and the backend's figures, without further metrics: what was paid for is not lost.
     *
     * @param turn     the turn played
     * @param response the backend's answer
     * @return metric name to value (JSON scalars, lists or maps), in report order; empty for none; numbers that
     *         are not finite are left out of the turn
     */
    Map<String, Object> of(ScriptedTurn turn, ChatResponse response);
}
