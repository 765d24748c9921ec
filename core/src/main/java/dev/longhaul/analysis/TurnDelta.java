package dev.longhaul.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One turn of a repeated comparison, averaged over the run pairs that answered it: the mean paired difference of each
 * compared metric and the mean of each metric only the compared side carries — the series a per-turn chart draws.
 *
 * @param turn   the turn number
 * @param pairs  run pairs in which both sides answered this turn
 * @param deltas metric → mean of {@code b - a} at this turn
 * @param armOnly metric → mean of side B's value at this turn
 */
public record TurnDelta(int turn, int pairs, Map<String, Double> deltas, Map<String, Double> armOnly) {

    /**
     * Copies the maps, keeping their order.
     *
     * @param turn   the turn number
     * @param pairs  run pairs in which both sides answered this turn
     * @param deltas metric → mean of {@code b - a} at this turn
     * @param armOnly metric → mean of side B's value at this turn
     */
    public TurnDelta {
        deltas = Collections.unmodifiableMap(new LinkedHashMap<>(deltas));
        armOnly = Collections.unmodifiableMap(new LinkedHashMap<>(armOnly));
    }
}
