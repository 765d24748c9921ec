package dev.longhaul.report;

import java.util.Objects;

/**
 * A turn without a score. Recorded in the report's {@code failed_turns} and never scored: the seed scored the text
 * {@code [ERROR: …]} as if the model had said it. Most have no answer (the backend failed); a turn whose scorer
 * failed ({@link FailureKind#SCORER}) keeps the answer the backend gave.
 *
 * @param turn     the turn
 * @param phase    its phase
 * @param prompt   the prompt that was sent
 * @param kind     why it has no score
 * @param message  one line saying what happened (never a secret)
 * @param attempts how many requests the backend made, its retries included (1 for a scorer failure or an unexpected
 *                 error)
 * @param elapsedS seconds spent on the turn, rounded to 2 decimals
 * @param response the backend's answer when only the scorer failed, else null; a report that saves no responses
 *                 holds it as null ({@link #withoutResponse()})
 */
public record FailedTurn(int turn, String phase, String prompt, FailureKind kind, String message, int attempts,
                         double elapsedS, String response) {

    /**
     * @throws NullPointerException when {@code kind} is null
     */
    public FailedTurn {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A turn that got no answer.
     *
     * @param turn     the turn
     * @param phase    its phase
     * @param prompt   the prompt that was sent
     * @param kind     why it failed
     * @param message  one line saying what happened (never a secret)
     * @param attempts how many attempts were made
     * @param elapsedS seconds spent on the turn
     */
    public FailedTurn(int turn, String phase, String prompt, FailureKind kind, String message, int attempts,
                      double elapsedS) {
        this(turn, phase, prompt, kind, message, attempts, elapsedS, null);
    }

    /** @return this failure without the backend's answer: how a report that saves no responses records it */
    public FailedTurn withoutResponse() {
        return response == null ? this : new FailedTurn(turn, phase, prompt, kind, message, attempts, elapsedS);
    }
}
