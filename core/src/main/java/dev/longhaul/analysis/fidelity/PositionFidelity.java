package dev.longhaul.analysis.fidelity;

import dev.longhaul.backend.TokenDistribution;

/**
 * How the arm's prediction at one answer position compares with the baseline's.
 *
 * @param kld     {@link TopKDivergence#kl KL(baseline || arm)} in nats
 * @param sameTop whether both rank the same token first (llama-perplexity's "same top")
 * @param deltaP  the arm's probability of the answer's token minus the baseline's (llama-perplexity's Δp); NaN when
 *                either backend did not report it
 */
public record PositionFidelity(double kld, boolean sameTop, double deltaP) {

    /**
     * @param baseline the baseline's distribution at a position
     * @param arm      the arm's distribution at the same position
     * @return the comparison
     */
    public static PositionFidelity of(TokenDistribution baseline, TokenDistribution arm) {
        boolean sameTop = TopKDivergence.sameToken(baseline.top().get(0), arm.top().get(0));
        double deltaP = Math.exp(arm.actual().logprob()) - Math.exp(baseline.actual().logprob());
        return new PositionFidelity(TopKDivergence.kl(baseline, arm), sameTop, deltaP);
    }
}
