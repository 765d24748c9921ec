package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopCandidatesTest {

    private final TopCandidates candidates = new TopCandidates(id -> "t" + id);

    @Test
    void logProbabilitiesAreTheLogSoftmaxOfTheWholeRowAndTheTopIsOrdered() {
        // softmax of (ln 1, ln 2, ln 3, ln 4) = (0.1, 0.2, 0.3, 0.4)
        float[] logits = {(float) Math.log(1), (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};
        TokenDistribution d = candidates.distribution(logits, 1, 2);
        assertEquals(List.of(3, 2), d.top().stream().map(TokenLogprob::id).toList());
        assertEquals(Math.log(0.4), d.top().get(0).logprob(), 1e-6);
        assertEquals(Math.log(0.3), d.top().get(1).logprob(), 1e-6);
        assertEquals("t3", d.top().get(0).token());
        assertEquals(new TokenLogprob(1, "t1", d.actual().logprob()), d.actual());
        assertEquals(Math.log(0.2), d.actual().logprob(), 1e-6);
    }

    @Test
    void tiesRankTheLowerIdFirstAndKIsCappedAtTheVocabulary() {
        float[] logits = {5f, 7f, 7f, 5f, 7f};
        TokenDistribution d = candidates.distribution(logits, 0, 10);
        assertEquals(List.of(1, 2, 4, 0, 3), d.top().stream().map(TokenLogprob::id).toList());
        double total = d.top().stream().mapToDouble(t -> Math.exp(t.logprob())).sum();
        assertEquals(1.0, total, 1e-12);
    }

    @Test
    void largeLogitsDoNotOverflow() {
        float[] logits = {1000f, 999f};
        TokenDistribution d = candidates.distribution(logits, 1, 1);
        assertEquals(-Math.log1p(Math.exp(-1)), d.top().get(0).logprob(), 1e-9);
        assertEquals(-1 - Math.log1p(Math.exp(-1)), d.actual().logprob(), 1e-9);
    }
}
