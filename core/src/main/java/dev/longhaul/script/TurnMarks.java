package dev.longhaul.script;

/**
 * What a scripted turn does besides asking its prompt: plant a fact, probe for one, and whether it is excluded from
 * the quality figures.
 *
 * <p>An excluded turn is played like any turn (its exchange joins the history, its answer is scored and listed in
 * {@code turn_metrics} with {@code "excluded_from_quality": true}) but is left out of the quality figures:
 * degradation detection, the summary's scores and the per-phase averages. Recall questions and fact statements are
 * short exchanges whose heuristic score says nothing about the coding conversation, so a turn with a plant or a
 * probe is excluded unless the script says otherwise.
 *
 * @param plant               the fact this turn plants, or null
 * @param probe               the fact this turn asks for, or null
 * @param excludedFromQuality whether the turn is left out of the quality figures
 */
public record TurnMarks(Plant plant, Probe probe, boolean excludedFromQuality) {

    /** An ordinary turn: no plant, no probe, counted in the quality figures. */
    public static final TurnMarks NONE = new TurnMarks(null, null, false);

    /**
     * @param plant the fact to plant
     * @return an excluded turn planting it
     */
    public static TurnMarks planting(Plant plant) {
        return new TurnMarks(plant, null, true);
    }

    /**
     * @param probe the fact to ask for
     * @return an excluded turn probing it
     */
    public static TurnMarks probing(Probe probe) {
        return new TurnMarks(null, probe, true);
    }

    /** @return whether this is an ordinary turn */
    public boolean isNone() {
        return plant == null && probe == null && !excludedFromQuality;
    }
}
