package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per rule and quirk of the seed's metrics. Every expected value here is what the seed's Python returns
 * for the same input.
 */
class HeuristicMetricsTest {

    private static HeuristicMetrics metrics(String response) {
        return HeuristicMetrics.compute("", response);
    }

    private static HeuristicMetrics metrics(String prompt, String response) {
        return HeuristicMetrics.compute(prompt, response);
    }

    @Test
    void aWellFormedAnswerScoresOne() {
        String answer = "# Title\n\n1. step\n\n```python\ndef f(x):\n    if x:\n        return {x}\n```";
        assertEquals(new HeuristicMetrics(70, 9, 0.5, 0, true, true, true, 0.0, 1.0, 1.0),
                metrics("title step", answer));
    }

    @Test
    void anEmptyResponseCountsAsFullyRepetitive() {
        HeuristicMetrics empty = metrics("");
        assertEquals(0, empty.responseLength());
        assertEquals(1, empty.lineCount());
        assertEquals(1.0, empty.repetitionRatio(), "1 - 0 / max(0, 1)");
        assertEquals(0.245, empty.qualityScore());
    }

    @Test
    void rejectsNullTexts() {
        assertThrows(NullPointerException.class, () -> HeuristicMetrics.compute(null, ""));
        assertThrows(NullPointerException.class, () -> HeuristicMetrics.compute("", null));
        assertThrows(NullPointerException.class, () -> HeuristicMetrics.compute("", "", null));
    }

    @Nested
    class LengthAndLines {
        @Test
        void lengthIsInCodePoints() {
            assertEquals(3, metrics("a\uD83D\uDE00\u0130").responseLength());
        }

        @Test
        void onlyLineFeedsCountAsLineBreaks() {
            assertEquals(3, metrics("a\r\nb\r\nc").lineCount());
            assertEquals(1, metrics("a\rb\u2028c\u0085d").lineCount());
            assertEquals(3, metrics("a\nb\n").lineCount());
        }
    }

    @Nested
    class CodeDensity {
        @Test
        void indicatorsAreSubstringsAnywhere() {
            assertEquals(0.1, metrics("elif x").codeDensity());
            assertEquals(0.1, metrics("Tell me if you need more.").codeDensity());
            assertEquals(0.1, metrics("subclass classification").codeDensity(), "\"class \" inside \"subclass \"");
        }

        @Test
        void keywordsNeedTheTrailingSpace() {
            assertEquals(0.0, metrics("def\nclass\timport\nreturn").codeDensity());
        }

        @Test
        void eachIndicatorCountsOnce() {
            assertEquals(1.0, metrics("def class import return if for while { } =>").codeDensity());
            assertEquals(0.2, metrics("{{{{ }}}}").codeDensity());
        }
    }

    @Nested
    class HallucinatedReferences {
        @Test
        void phrasesMatchCaseInsensitively() {
            assertEquals(1, metrics("AS MENTIONED EARLIER, THE LOCK IS NEEDED.").hallucinatedReferences());
        }

        @Test
        void eachPhraseCountsOnce() {
            assertEquals(1, metrics("like before like before like before").hallucinatedReferences());
            assertEquals(7, metrics("As mentioned earlier, as we discussed, like before. Remember when? From the "
                    + "previous turn, as shown above, earlier in our conversation.").hallucinatedReferences());
        }

        @Test
        void kelvinSignLowercasesToK() {
            assertEquals(1, metrics("Li\u212Ae before, we lock.").hallucinatedReferences());
        }

        @Test
        void dottedCapitalILowercasesToIWithACombiningDot() {
            assertEquals(0, metrics("L\u0130KE BEFORE").hallucinatedReferences());
        }

        @Test
        void spacingMustBeExact() {
            assertEquals(0, metrics("as\u00a0mentioned earlier; as mentioned  earlier; as mentioned\nearlier")
                    .hallucinatedReferences());
        }

        @Test
        void phrasesMatchInsideLongerWords() {
            assertEquals(1, metrics("from the previous turnstile").hallucinatedReferences());
        }
    }

    @Nested
    class Headers {
        @ParameterizedTest
        @ValueSource(strings = {"# Title", "### Title", "intro\n## Title", "##\tTitle", "#\u00a0Title",
                "##\u3000Title", "#\u001cTitle", "intro\n#\nmore", "intro\r\n#\r\nmore", "intro\n#\u2028"})
        void oneToThreeHashesThenPythonWhitespace(String response) {
            assertTrue(metrics(response).hasHeaders(), response);
        }

        @ParameterizedTest
        @ValueSource(strings = {"#### Title", "#Title", " # Title", "#\u200bTitle", "text\r# Title",
                "text\u2028# Title", "text\u0085# Title", "intro\n#", "", "#"})
        void notAHeader(String response) {
            assertFalse(metrics(response).hasHeaders(), response);
        }
    }

    @Nested
    class CodeBlocks {
        @ParameterizedTest
        @ValueSource(strings = {"```\ncode\n```", "``````", "Use ``` to open and ``` to close."})
        void twoNonOverlappingFencesAnywhere(String response) {
            assertTrue(metrics(response).hasCodeBlocks(), response);
        }

        @ParameterizedTest
        @ValueSource(strings = {"````", "`````", "```python\nprint(1)", "`` ` ``"})
        void fewerThanTwoFences(String response) {
            assertFalse(metrics(response).hasCodeBlocks(), response);
        }
    }

    @Nested
    class SeedLists {
        @ParameterizedTest
        @ValueSource(strings = {"1. item", "-. odd", "*. odd", "intro\n7. item", "1.\titem", "1.\u00a0item",
                "Steps:\n1.\nmore", "\u0663. Arabic-Indic digit", "\uD835\uDFCE. bold digit",
                "\uD81A\uDEC0. Tangsa digit (Unicode 14)", "intro\r\n1. item"})
        void bulletCharacterThenDotThenWhitespace(String response) {
            assertTrue(metrics(response).hasLists(), response);
        }

        @ParameterizedTest
        @ValueSource(strings = {"- item", "* item", "+ item", "10. item", "1) item", "  1. indented",
                "\u00b9. superscript", "\u2460. circled", "intro\r1. item", "\u2022 item", "Steps:\n1."})
        void missesMarkdownBulletsAndMore(String response) {
            assertFalse(metrics(response).hasLists(), response);
        }
    }

    @Nested
    class Repetition {
        @Test
        void sentencesOfTwentyCodePointsOrFewerAreIgnored() {
            assertEquals(1.0, metrics("abcdefghijklmnopqrst. abcdefghijklmnopqrst.").repetitionRatio());
            assertEquals(0.5, metrics("abcdefghijklmnopqrstu. abcdefghijklmnopqrstu.").repetitionRatio());
        }

        @Test
        void lengthIsMeasuredInCodePoints() {
            String twentyEmoji = "\uD83D\uDE00".repeat(20);
            assertEquals(1.0, metrics(twentyEmoji + ". " + twentyEmoji).repetitionRatio());
            String twentyOne = twentyEmoji + "\uD83D\uDE00";
            assertEquals(0.5, metrics(twentyOne + ". " + twentyOne).repetitionRatio());
        }

        @Test
        void sentencesCompareLowercasedAndStripped() {
            assertEquals(0.5, metrics("abcdefghijklmnopqrstu. ABCDEFGHIJKLMNOPQRSTU.").repetitionRatio());
            assertEquals(0.5, metrics("\u00a0this sentence is long enough\u3000.this sentence is long enough")
                    .repetitionRatio());
            assertEquals(0.0, metrics("\u200bthis sentence is long enough. this sentence is long enough.")
                    .repetitionRatio(), "a zero-width space is not stripped");
        }

        @Test
        void dotsInsideCodeAndVersionsSplitSentences() {
            // Pieces: "Call limiter", "consume(1) before the request is sent", " Call limiter", ...
            assertEquals(0.5, metrics("Call limiter.consume(1) before the request is sent. Call limiter.consume(1) "
                    + "before the request is sent.").repetitionRatio());
            assertEquals(1.0, metrics("Install version 1.2.3 of the package now. Install version 1.2.3 of the "
                    + "package now.").repetitionRatio(), "no piece is longer than 20 code points");
        }

        @Test
        void ratioIsOneMinusUniqueOverCount() {
            assertEquals(0.33333333333333337, metrics("one sentence that is long enough. another sentence, also "
                    + "long. one sentence that is long enough").repetitionRatio());
        }

        @Test
        void dottedCapitalILengthensTheLowercaseWithoutShiftingLaterSentences() {
            // Sentences 2 and 3 are equal, as are 4 and 5; "istanbul" differs from "i\u0307stanbul".
            assertEquals(0.33333333333333337, metrics("\u0130\u0130\u0130 is here in this text. The second sentence "
                    + "is long. the second sentence is LONG. \u0130STANBUL IS A LOVELY CITY. \u0130stanbul is a lovely "
                    + "city. istanbul is a lovely city.").repetitionRatio());
        }

        @Test
        void finalSigmaIsDecidedWithinTheSentence() {
            // Lowercased as a whole, "...ΟΔΟΣ.κ..." keeps a non-final sigma ('.' is case-ignorable, 'κ' cased);
            // the stripped sentence "...ΟΔΟΣ" ends with final sigma and so equals the second sentence.
            assertEquals(0.5, metrics("\u039a\u0391\u039b\u0397\u039c\u0395\u03a1\u0391 \u039a\u039f\u03a3\u039c\u0395 "
                    + "\u039a\u0391\u0399 \u039f\u0394\u039f\u03a3.\u03ba\u03b1\u03bb\u03b7\u03bc\u03b5\u03c1\u03b1 "
                    + "\u03ba\u03bf\u03c3\u03bc\u03b5 \u03ba\u03b1\u03b9 \u03bf\u03b4\u03bf\u03c2").repetitionRatio());
        }
    }

    @Nested
    class PromptRelevance {
        @Test
        void shareOfPromptKeywordsFoundInTheResponse() {
            assertEquals(0.6666666666666666, metrics("alpha beta gamma", "alpha gamma").promptRelevance());
        }

        @Test
        void aPromptWithoutKeywordsGivesZero() {
            assertEquals(0.0, metrics("a to be or not", "a to be or not").promptRelevance());
        }

        @Test
        void keywordsAreWholeRunsOfAtLeastFourWordCharacters() {
            assertEquals(0.0, metrics("tokens", "token").promptRelevance());
            assertEquals(0.0, metrics("token", "tokens").promptRelevance());
            assertEquals(1.0, metrics("get_wait_time 2048", "get_wait_time(2048)").promptRelevance());
            assertEquals(0.0, metrics("rate-limiter", "ratelimiter").promptRelevance(), "a hyphen splits keywords");
            assertEquals(0.0, metrics("ratelimiter", "rate-limiter").promptRelevance());
        }

        @Test
        void keywordsAreCaseInsensitive() {
            assertEquals(1.0, metrics("RateLimiter", "ratelimiter").promptRelevance());
            assertEquals(1.0, metrics("STRASSE", "strasse").promptRelevance());
            assertEquals(0.0, metrics("STRASSE", "stra\u00dfe").promptRelevance());
        }

        @Test
        void dottedCapitalISplitsAWordAtItsCombiningDot() {
            assertEquals(1.0, metrics("\u0130stanbul", "stanbul").promptRelevance());
            assertEquals(0.0, metrics("\u0130stanbul", "istanbul").promptRelevance());
        }

        @Test
        void combiningMarksAreNotWordCharacters() {
            assertEquals(1.0, metrics("cafe\u0301", "cafe").promptRelevance());
            assertEquals(0.0, metrics("\u0928\u092e\u0938\u094d\u0924\u0947", "\u0928\u092e\u0938\u094d\u0924\u0947")
                    .promptRelevance(), "Devanagari \"namaste\" has no run of four");
        }

        @Test
        void numericCharactersAreWordCharacters() {
            String numeric = "x\u00b2\u00b3y \u2460\u2461\u2462\u2463";
            assertEquals(1.0, metrics(numeric, numeric).promptRelevance());
            assertEquals(0.0, metrics(numeric, "xy").promptRelevance());
        }

        @Test
        void aCjkRunWithoutSpacesIsOneKeyword() {
            assertEquals(0.0, metrics("\u5b9e\u73b0\u9650\u6d41\u5668", "\u6211\u4eec\u5b9e\u73b0\u9650\u6d41\u5668")
                    .promptRelevance());
        }

        @Test
        void finalSigmaDependsOnWhatFollowsInTheWholeResponse() {
            String logos = "\u039b\u039f\u0393\u039f\u03a3";
            assertEquals(1.0, metrics(logos, logos + " \u0391\u0392\u0393\u0394").promptRelevance());
            assertEquals(0.0, metrics(logos, logos + ".\u0391\u0392\u0393\u0394").promptRelevance(),
                    "'.' is case-ignorable, so the sigma is not final");
        }
    }

    @Nested
    class QualityScore {
        @Test
        void hallucinationsLowerTheScore() {
            assertEquals(0.34500000000000003,
                    metrics("As mentioned earlier, like before, as we discussed, remember when").qualityScore());
        }

        @Test
        void theMarkdownRuleOnlyRaisesTheListTerm() {
            HeuristicMetrics seed = HeuristicMetrics.compute("", "- item\n- item");
            HeuristicMetrics markdown = HeuristicMetrics.compute("", "- item\n- item", ListRule.MARKDOWN);
            assertFalse(seed.hasLists());
            assertTrue(markdown.hasLists());
            assertEquals(0.03, markdown.qualityScore() - seed.qualityScore(), 1e-12);
        }
    }

    @Test
    void metricMapUsesTheSeedsKeysOrderAndTypes() {
        Map<String, Object> map = metrics("alpha", "# alpha\n1. x").toMetricMap();
        assertEquals(List.of("response_length", "line_count", "code_density", "hallucinated_references",
                "has_headers", "has_code_blocks", "has_lists", "repetition_ratio", "prompt_relevance"),
                List.copyOf(map.keySet()));
        assertEquals(12, map.get("response_length"));
        assertEquals(2, map.get("line_count"));
        assertEquals(0.0, map.get("code_density"));
        assertEquals(0, map.get("hallucinated_references"));
        assertEquals(true, map.get("has_headers"));
        assertEquals(false, map.get("has_code_blocks"));
        assertEquals(true, map.get("has_lists"));
        assertEquals(1.0, map.get("repetition_ratio"));
        assertEquals(1.0, map.get("prompt_relevance"));
    }

    @Test
    void turnScoreAppendsQualityScoreLast() {
        HeuristicMetrics m = metrics("alpha", "# alpha\n1. x");
        TurnScore score = m.toTurnScore();
        assertEquals(m.qualityScore(), score.qualityScore());
        assertEquals(m.qualityScore(), score.metrics().get(TurnScore.QUALITY_SCORE));
        assertEquals(10, score.metrics().size());
        assertEquals(TurnScore.QUALITY_SCORE, List.copyOf(score.metrics().keySet()).get(9));
    }
}
