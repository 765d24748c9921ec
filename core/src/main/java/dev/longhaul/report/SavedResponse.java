package dev.longhaul.report;

/**
 * One entry of a report's {@code responses} (written only when responses are saved).
 *
 * @param turn     the turn
 * @param phase    its phase
 * @param prompt   the turn's scripted prompt (without the history window sent before it)
 * @param response the answer received (also of a turn whose scorer failed)
 */
public record SavedResponse(int turn, String phase, String prompt, String response) {
}
