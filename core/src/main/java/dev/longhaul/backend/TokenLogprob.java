package dev.longhaul.backend;

/**
 * One candidate token and its natural-log probability.
 *
 * @param id      the token id in the model's vocabulary, or -1 when the backend does not give ids
 * @param token   the token's text
 * @param logprob natural-log probability, at most 0; NaN when unknown
 */
public record TokenLogprob(int id, String token, double logprob) {
}
