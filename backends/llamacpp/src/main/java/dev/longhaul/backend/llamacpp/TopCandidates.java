package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * Turns one row of logits (the whole vocabulary) into a {@link TokenDistribution}: the natural-log softmax computed
 * in double precision, the K most likely tokens (ties: lower id first) and the given token's exact log-probability.
 * No sampler is applied: this is the model's distribution before sampling, as llama-perplexity uses it.
 */
final class TopCandidates {

    private final IntFunction<String> pieces;

    /** @param pieces the text of a token id */
    TopCandidates(IntFunction<String> pieces) {
        this.pieces = pieces;
    }

    /**
     * @param logits one logit per vocabulary entry
     * @param actual the token that stands at this position
     * @param k      candidates to keep, at least 1 (fewer when the vocabulary is smaller)
     * @return the distribution
     */
    TokenDistribution distribution(float[] logits, int actual, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double logNormalizer = max + Math.log(sum);

        int keep = Math.min(k, logits.length);
        // A min-heap of the best `keep` ids: the worst kept candidate on top, so each id costs O(log K).
        PriorityQueue<Integer> best = new PriorityQueue<>(keep + 1, (a, b) -> compare(logits, b, a));
        for (int id = 0; id < logits.length; id++) {
            if (best.size() < keep) {
                best.add(id);
            } else if (compare(logits, id, best.peek()) < 0) {
                best.poll();
                best.add(id);
            }
        }
        List<Integer> ids = new ArrayList<>(best);
        ids.sort((a, b) -> compare(logits, a, b));
        List<TokenLogprob> top = new ArrayList<>(ids.size());
        for (int id : ids) {
            top.add(new TokenLogprob(id, pieces.apply(id), logits[id] - logNormalizer));
        }
        TokenLogprob forced = new TokenLogprob(actual, pieces.apply(actual), logits[actual] - logNormalizer);
        return new TokenDistribution(forced, top);
    }

    /** Negative when {@code a} ranks before {@code b}: higher logit first, then lower id. */
    private static int compare(float[] logits, int a, int b) {
        int byLogit = Float.compare(logits[b], logits[a]);
        return byLogit != 0 ? byLogit : Integer.compare(a, b);
    }
}
