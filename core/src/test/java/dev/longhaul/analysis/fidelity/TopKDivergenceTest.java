package dev.longhaul.analysis.fidelity;

import static dev.longhaul.analysis.fidelity.Distributions.dist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact values on constructed distributions; the expected figures are computed by hand (ln in nats). */
class TopKDivergenceTest {

    @Test
    void bothListsHoldTheBaselinesTokens() {
        // baseline A .5, B .3, tail .2; arm A .4, B .4, tail .2:
        // .5 ln(.5/.4) + .3 ln(.3/.4) + .2 ln(.2/.2)
        double kl = TopKDivergence.kl(dist('A', .5, 'A', .5, 'B', .3), dist('A', .4, 'A', .4, 'B', .4));
        assertEquals(0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.4), kl, 1e-12);
        assertEquals(0.02526715392157057, kl, 1e-12);
    }

    @Test
    void aTokenMissingFromTheArmsListGetsAShareOfTheArmsUnlistedMass() {
        // arm lists A .5, C .3 (unlisted .2, K-th .3); B is missing: floor min(.3, .2 / 2) = .1; arm tail 1 - .6 = .4
        double kl = TopKDivergence.kl(dist('A', .6, 'A', .6, 'B', .3), dist('A', .5, 'A', .5, 'C', .3));
        assertEquals(0.6 * Math.log(0.6 / 0.5) + 0.3 * Math.log(0.3 / 0.1) + 0.1 * Math.log(0.1 / 0.4), kl, 1e-12);
        assertEquals(0.30034718456481657, kl, 1e-12);
    }

    @Test
    void theFloorIsAtMostTheArmsKthProbability() {
        // arm lists A .5, C .05, D .05 (unlisted .4): floor min(.05, .4 / 2) = .05; arm tail 1 - .55 = .45
        double kl = TopKDivergence.kl(dist('A', .6, 'A', .6, 'B', .3),
                dist('A', .5, 'A', .5, 'C', .05, 'D', .05));
        assertEquals(0.6 * Math.log(0.6 / 0.5) + 0.3 * Math.log(0.3 / 0.05) + 0.1 * Math.log(0.1 / 0.45), kl, 1e-12);
        assertEquals(0.4965130351671617, kl, 1e-12);
    }

    @Test
    void identicalListsGiveExactlyZero() {
        TokenDistribution d = dist('B', .25, 'A', .6123, 'B', .25, 'C', .0877);
        assertEquals(0.0, TopKDivergence.kl(d, dist('B', .25, 'A', .6123, 'B', .25, 'C', .0877)));
    }

    @Test
    void withTheWholeVocabularyListedItIsTheExactDivergence() {
        // vocabulary A, B, C: Σ p ln(p/q)
        double kl = TopKDivergence.kl(dist('A', .7, 'A', .7, 'B', .2, 'C', .1),
                dist('A', .6, 'A', .6, 'B', .3, 'C', .1));
        assertEquals(0.7 * Math.log(0.7 / 0.6) + 0.2 * Math.log(0.2 / 0.3), kl, 1e-12);
    }

    @Test
    void mergingTheTailCanOnlyLoseDivergence() {
        // vocabulary A..D, P = (.6, .2, .1, .1), Q = (.5, .2, .05, .25): full KLD 0.0870786;
        // the baseline's top 2 with the arm's exact probabilities keep .6 ln(.6/.5) + .2 ln(.2/.2) + .2 ln(.2/.3)
        double full = TopKDivergence.kl(dist('A', .6, 'A', .6, 'B', .2, 'C', .1, 'D', .1),
                dist('A', .5, 'D', .25, 'A', .5, 'B', .2, 'C', .05));
        double topTwo = TopKDivergence.kl(dist('A', .6, 'A', .6, 'B', .2),
                dist('A', .5, 'A', .5, 'D', .25, 'B', .2, 'C', .05));
        assertEquals(0.08707857894495177, full, 1e-12);
        assertEquals(0.028299912454739895, topTwo, 1e-12);
        assertTrue(topTwo < full);
    }

    @Test
    void tokensWithoutIdsAreMatchedByText() {
        TokenDistribution base = new TokenDistribution(new TokenLogprob(-1, "x", Math.log(.5)),
                List.of(new TokenLogprob(-1, "x", Math.log(.5)), new TokenLogprob(-1, "y", Math.log(.3))));
        TokenDistribution arm = new TokenDistribution(new TokenLogprob(-1, "x", Math.log(.4)),
                List.of(new TokenLogprob(-1, "y", Math.log(.4)), new TokenLogprob(-1, "x", Math.log(.4))));
        assertEquals(0.02526715392157057, TopKDivergence.kl(base, arm), 1e-12);
    }

    @Test
    void anEmptyListIsRefused() {
        TokenDistribution empty = new TokenDistribution(Distributions.token('A', .5), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopKDivergence.kl(empty, dist('A', .5, 'A', .5)));
        assertEquals("a KL divergence needs candidates on both sides (baseline 0, arm 1)", e.getMessage());
    }
}
