package dev.longhaul.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One turn of a comparison, averaged over the run pairs that answered it: the mean paired difference of each
 * compared metric — the series a per-turn chart draws.
 *
 * @param turn   the turn number
 * @param pairs  run pairs in which both sides answered this turn
 * @param deltas metric → mean of {@code b - a} at this turn
 */
public record TurnDelta(int turn, int pairs, Map<String, Double> deltas) {

    /**
     * Copies the map, keeping its order.
     *
     * @param turn   the turn number
     * @param pairs  run pairs in which both sides answered this turn
     * @param deltas metric → mean of {@code b - a} at this turn
     */
    public TurnDelta {
        deltas = Collections.unmodifiableMap(new LinkedHashMap<>(deltas));
    }
}
