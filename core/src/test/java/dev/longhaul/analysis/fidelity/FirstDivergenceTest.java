package dev.longhaul.analysis.fidelity;

import static dev.longhaul.analysis.fidelity.Distributions.dist;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FirstDivergenceTest {

    /** "def foo():" as a SentencePiece tokenizer spells it, with a space before the first word. */
    private static final ForcedAnswer DEF_FOO = forced(" def", " foo", "(", "):");

    @Test
    void theTokenHoldingTheFirstDifferentCharacter() {
        assertEquals(OptionalInt.of(1), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "def bar():"));
        assertEquals(OptionalInt.of(0), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "class Foo:"));
        assertEquals(OptionalInt.of(3), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "def foo()->None:"));
    }

    @Test
    void stoppingEarlyOrGoingOnDepartsWhereTheOtherAnswerEnds() {
        assertEquals(OptionalInt.of(1), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "def"));
        assertEquals(OptionalInt.of(4), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "def foo():\n    pass"));
    }

    @Test
    void equalAnswersOrTokensThatDoNotSpellTheAnswerGiveNone() {
        assertEquals(OptionalInt.empty(), FirstDivergence.tokenIndex(DEF_FOO, "def foo():", "def foo():"));
        assertEquals(OptionalInt.empty(), FirstDivergence.tokenIndex(forced("d\uFFFD", "x"), "déx", "dex"));
        assertEquals(OptionalInt.empty(), FirstDivergence.tokenIndex(forced("x", "def foo():"), "def foo():", "d"));
    }

    private static ForcedAnswer forced(String... tokens) {
        List<TokenDistribution> positions = new ArrayList<>();
        for (String t : tokens) {
            TokenLogprob actual = new TokenLogprob(-1, t, Math.log(0.5));
            positions.add(new TokenDistribution(actual, dist('A', .5, 'A', .5).top()));
        }
        return new ForcedAnswer(positions, 1);
    }
}
