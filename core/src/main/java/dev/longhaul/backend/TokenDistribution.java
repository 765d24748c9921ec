package dev.longhaul.backend;

import java.util.List;
import java.util.Objects;

/**
 * What the model predicted at one position of an answer: the token that stands there and the top-K candidates of
 * the next-token distribution (before sampling), most likely first.
 *
 * @param actual the token at this position of the answer, with the probability the model gave it (NaN when
 *               the backend reports only its top K and the token is not among them)
 * @param top    the K most likely tokens at this position, most likely first
 */
public record TokenDistribution(TokenLogprob actual, List<TokenLogprob> top) {

    /**
     * Copies the candidates.
     *
     * @param actual the token at this position of the answer, with the probability the model gave it (NaN when
     *               the backend reports only its top K and the token is not among them)
     * @param top    the K most likely tokens at this position, most likely first
     */
    public TokenDistribution {
        Objects.requireNonNull(actual, "actual");
        top = List.copyOf(top);
    }
}
