package dev.longhaul.scoring;

import java.util.Objects;

/**
 * What a {@link Scorer} sees of one turn: its number, its script phase, the prompt sent and the response received.
 *
 * @param turn     1-based turn number
 * @param phase    the script phase the prompt belongs to (for example {@code code_gen})
 * @param prompt   the user prompt of this turn
 * @param response the model's answer to score
 */
public record TurnInput(int turn, String phase, String prompt, String response) {

    /**
     * Rejects null texts and non-positive turn numbers.
     *
     * @param turn     1-based turn number
     * @param phase    the script phase the prompt belongs to (for example {@code code_gen})
     * @param prompt   the user prompt of this turn
     * @param response the model's answer to score
     */
    public TurnInput {
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be >= 1, was " + turn);
        }
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
    }
}
