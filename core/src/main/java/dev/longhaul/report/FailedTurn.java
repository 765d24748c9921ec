package dev.longhaul.report;

/**
 * A turn that got no answer. Recorded in the report's {@code failed_turns} and never scored: the seed scored the text
 * {@code [ERROR: …]} as if the model had said it.
 *
 * @param turn     the turn
 * @param phase    its phase
 * @param prompt   the prompt that was sent
 * @param kind     the failure kind ({@code unreachable}, {@code timeout}, {@code server_error}, …)
 * @param message  one line saying what happened (never a secret)
 * @param attempts how many attempts were made
 * @param elapsedS seconds spent on the turn
 */
public record FailedTurn(int turn, String phase, String prompt, String kind, String message, int attempts,
                         double elapsedS) {
}
