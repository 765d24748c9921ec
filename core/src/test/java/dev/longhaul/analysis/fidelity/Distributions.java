package dev.longhaul.analysis.fidelity;

import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/** Constructed next-token distributions: tokens named by one letter, id = letter - 'A'. */
final class Distributions {

    private Distributions() {
    }

    /**
     * @param actual       the letter of the token at this position
     * @param actualProb   its probability
     * @param lettersProbs alternating letter and probability of the top candidates, most likely first
     */
    static TokenDistribution dist(char actual, double actualProb, Object... lettersProbs) {
        List<TokenLogprob> top = new ArrayList<>();
        for (int i = 0; i < lettersProbs.length; i += 2) {
            top.add(token((Character) lettersProbs[i], ((Number) lettersProbs[i + 1]).doubleValue()));
        }
        return new TokenDistribution(token(actual, actualProb), top);
    }

    static TokenLogprob token(char letter, double prob) {
        return new TokenLogprob(letter - 'A', String.valueOf(letter), Math.log(prob));
    }
}
