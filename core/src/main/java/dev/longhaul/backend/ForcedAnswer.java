package dev.longhaul.backend;

import java.util.List;

/**
 * An answer evaluated by teacher forcing: for every token of a given answer, what the model predicted at that
 * position when the conversation and the answer's preceding tokens were its context.
 *
 * @param positions one entry per answer token, in order
 * @param topK      how many candidates each position carries (the K of top-K)
 */
public record ForcedAnswer(List<TokenDistribution> positions, int topK) {

    /**
     * Copies the positions.
     *
     * @param positions one entry per answer token, in order
     * @param topK      how many candidates each position carries (the K of top-K)
     */
    public ForcedAnswer {
        positions = List.copyOf(positions);
    }
}
