package dev.longhaul.script;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMatchTest {

    @Test
    void ignoresCaseAndSurroundingPunctuation() {
        assertTrue(AnswerMatch.occursIn("We called it `TokenBucketPro`.", "TokenBucketPro"));
        assertTrue(AnswerMatch.occursIn("tokenbucketpro's rate", "TokenBucketPro"));
        assertTrue(AnswerMatch.occursIn("**TOKENBUCKETPRO**", "TokenBucketPro"));
        assertTrue(AnswerMatch.occursIn("ÉQUIPE", "équipe"), "Unicode case folding");
    }

    @Test
    void neverMatchesInsideALongerWord() {
        assertFalse(AnswerMatch.occursIn("TokenBucketPros", "TokenBucketPro"));
        assertFalse(AnswerMatch.occursIn("MyTokenBucketPro", "TokenBucketPro"));
        assertFalse(AnswerMatch.occursIn("74310 entries", "7431"));
        assertFalse(AnswerMatch.occursIn("x_7431", "7431"), "the underscore is a word character");
        assertFalse(AnswerMatch.occursIn("kestrel_rl_tokens_total", "kestrel_rl"));
        assertTrue(AnswerMatch.occursIn("max_entries=7919;", "7919"));
    }

    @Test
    void boundariesApplyOnlyWhereTheAnswerHasAWordCharacterAtItsEdge() {
        assertTrue(AnswerMatch.occursIn("read from /etc/kestrel/limits-v3.yaml", "/etc/kestrel/limits-v3.yaml"));
        assertTrue(AnswerMatch.occursIn("path:/etc/kestrel/limits-v3.yaml", "limits-v3.yaml"));
        assertFalse(AnswerMatch.occursIn("limits-v3.yamlx", "limits-v3.yaml"));
        assertTrue(AnswerMatch.occursIn("v2.0!", "v2.0!"));
        assertTrue(AnswerMatch.occursIn("code RL-4291.", "RL-4291"));
    }

    @Test
    void whitespaceInsideAnAnswerMatchesAnyRunOfWhitespace() {
        assertTrue(AnswerMatch.occursIn("the token\n   bucket algorithm", "token bucket"));
        assertTrue(AnswerMatch.occursIn("token\tbucket", "  token   bucket "));
        assertFalse(AnswerMatch.occursIn("tokenbucket", "token bucket"));
        assertFalse(AnswerMatch.occursIn("token-bucket", "token bucket"));
    }

    @Test
    void treatsRegexCharactersLiterally() {
        assertTrue(AnswerMatch.occursIn("call f(x) now", "f(x)"));
        assertFalse(AnswerMatch.occursIn("a+b", "a.b"));
        assertThrows(IllegalArgumentException.class, () -> AnswerMatch.occursIn("text", "   "));
    }

    @Test
    void aProbeIsAnsweredByAnyOfItsAlternatives() {
        Probe probe = new Probe("path", List.of("/etc/kestrel/limits-v3.yaml", "limits-v3.yaml"));
        assertTrue(probe.isAnsweredBy("It reads limits-v3.yaml."));
        assertTrue(probe.isAnsweredBy("/ETC/KESTREL/LIMITS-V3.YAML"));
        assertFalse(probe.isAnsweredBy("It reads limits-v2.yaml."));
    }
}
