package dev.longhaul.script;

import java.util.Objects;

/**
 * One turn of a script as it will be played: its number, phase and prompt, and what else it does (plant or probe a
 * fact, stay out of the quality figures).
 *
 * @param turn   1-based turn number
 * @param phase  the phase name
 * @param prompt the user prompt
 * @param marks  its plant, probe and exclusion from the quality figures; {@link TurnMarks#NONE} for an ordinary turn
 */
public record ScriptedTurn(int turn, String phase, String prompt, TurnMarks marks) {

    /**
     * Rejects null marks.
     *
     * @param turn   1-based turn number
     * @param phase  the phase name
     * @param prompt the user prompt
     * @param marks  its plant, probe and exclusion from the quality figures; {@link TurnMarks#NONE} for an
     *               ordinary turn
     */
    public ScriptedTurn {
        Objects.requireNonNull(marks, "marks");
    }

    /**
     * An ordinary turn.
     *
     * @param turn   1-based turn number
     * @param phase  the phase name
     * @param prompt the user prompt
     */
    public ScriptedTurn(int turn, String phase, String prompt) {
        this(turn, phase, prompt, TurnMarks.NONE);
    }
}
