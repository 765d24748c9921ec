package dev.longhaul.report;

/**
 * One entry of a report's {@code responses} (written only when responses are saved).
 *
 * @param turn     the turn
 * @param phase    its phase
 * @param prompt   the prompt sent
 * @param response the answer received
 */
public record SavedResponse(int turn, String phase, String prompt, String response) {
}
