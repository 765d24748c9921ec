package dev.longhaul.analysis.fidelity;

import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.List;

/**
 * The Kullback–Leibler divergence {@code KL(P || Q) = Σ p ln(p / q)} of the arm's next-token distribution {@code Q}
 * from the baseline's {@code P}, computed from the top-K candidates each backend reports.
 *
 * <p>llama-perplexity sums over the whole vocabulary (skipping tokens the base gives less than {@code e^-16}); a
 * backend reports only its K most likely tokens. So the vocabulary is cut into K + 1 buckets: each of the baseline's
 * K tokens, and one tail bucket holding everything else. Then:
 * <ul>
 *   <li>{@code p_i} is the baseline's probability of its i-th token and {@code p_tail = 1 - Σ p_i};</li>
 *   <li>{@code q_i} is the arm's probability of the same token when it is among the arm's K; when it is not, the arm
 *       only says it is at most its own K-th probability {@code q_K}, and the tokens missing this way share the arm's
 *       unlisted mass {@code r = 1 - Σ(arm's K)} with the tail: each gets the floor
 *       {@code f = min(q_K, r / (m + 1))} for {@code m} missing tokens;</li>
 *   <li>{@code q_tail = 1 - Σ q_i} (with the floors), so both sides sum to one over the buckets.</li>
 * </ul>
 * The result is {@code Σ p_i ln(p_i / q_i) + p_tail ln(p_tail / q_tail)}, a KL divergence between two distributions
 * over the buckets, so never negative. With exact {@code q_i} it is at most the full-vocabulary KLD (merging tokens
 * into one bucket can only lose divergence); it equals it when K covers the vocabulary, and it is exactly 0 when the
 * two lists are identical. A baseline tail below {@value #NEGLIGIBLE} counts as zero (no tail term), and the floors
 * and the arm's tail never go below it, so that no term is infinite. Tokens are matched by id, or by text when a
 * backend gives no ids.
 */
public final class TopKDivergence {

    /** Masses below this count as zero; arm probabilities never go below it. */
    public static final double NEGLIGIBLE = 1e-12;

    private TopKDivergence() {
    }

    /**
     * @param baseline the baseline's distribution at a position
     * @param arm      the arm's distribution at the same position
     * @return {@code KL(baseline || arm)} over the baseline's top-K buckets and the tail, in nats
     * @throws IllegalArgumentException when either distribution has no candidates
     */
    public static double kl(TokenDistribution baseline, TokenDistribution arm) {
        List<TokenLogprob> p = baseline.top();
        List<TokenLogprob> q = arm.top();
        if (p.isEmpty() || q.isEmpty()) {
            throw new IllegalArgumentException("a KL divergence needs candidates on both sides (baseline "
                    + p.size() + ", arm " + q.size() + ")");
        }
        // The arm's log-probabilities are used as given (not as ln(exp(x))), so identical lists give exactly 0.
        double[] qLog = new double[p.size()];
        int missing = 0;
        for (int i = 0; i < p.size(); i++) {
            qLog[i] = logprobOf(p.get(i), q);
            if (Double.isNaN(qLog[i])) {
                missing++;
            }
        }
        double armListed = 0;
        double armKth = Double.POSITIVE_INFINITY;
        for (TokenLogprob t : q) {
            double prob = Math.exp(t.logprob());
            armListed += prob;
            armKth = Math.min(armKth, prob);
        }
        double floor = Math.max(Math.min(armKth, Math.max(0, 1 - armListed) / (missing + 1)), NEGLIGIBLE);

        double kl = 0;
        double pListed = 0;
        double qListed = 0;
        for (int i = 0; i < p.size(); i++) {
            double pi = Math.exp(p.get(i).logprob());
            double logQi = Double.isNaN(qLog[i]) ? Math.log(floor) : qLog[i];
            pListed += pi;
            qListed += Math.exp(logQi);
            if (pi > 0) {
                kl += pi * (p.get(i).logprob() - logQi);
            }
        }
        double pTail = 1 - pListed;
        if (pTail >= NEGLIGIBLE) {
            double qTail = Math.max(1 - qListed, NEGLIGIBLE);
            kl += pTail * Math.log(pTail / qTail);
        }
        return Math.max(0, kl);
    }

    /**
     * @param a a candidate
     * @param b another
     * @return whether they are the same token: the same id when both have one, else the same text
     */
    public static boolean sameToken(TokenLogprob a, TokenLogprob b) {
        return a.id() >= 0 && b.id() >= 0 ? a.id() == b.id() : a.token().equals(b.token());
    }

    /** The arm's log-probability of {@code token}, NaN when it is not among the arm's candidates. */
    private static double logprobOf(TokenLogprob token, List<TokenLogprob> candidates) {
        for (TokenLogprob c : candidates) {
            if (sameToken(token, c)) {
                return c.logprob();
            }
        }
        return Double.NaN;
    }
}
