package dev.longhaul.script;

/**
 * One turn of a script as it will be played: its number, phase and prompt.
 *
 * @param turn   1-based turn number
 * @param phase  the phase name
 * @param prompt the user prompt
 */
public record ScriptedTurn(int turn, String phase, String prompt) {
}
