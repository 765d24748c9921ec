package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Python {@code str} semantics where Java's own differ or are easy to get wrong. Expected values are Python's. */
class PythonStrTest {

    @Test
    void lengthCountsCodePointsNotChars() {
        assertEquals(1, PythonStr.length("\uD83D\uDE00".toCharArray(), 0, 2));
        assertEquals(2, PythonStr.length("e\u0301".toCharArray(), 0, 2));
        assertEquals(1, PythonStr.length("xe\u0301".toCharArray(), 1, 2));
        assertEquals(0, PythonStr.length(new char[0], 0, 0));
    }

    @Test
    void unpairedSurrogatesCountAsOneCodePointEach() {
        assertEquals(2, PythonStr.length("\uDE00\uD83D".toCharArray(), 0, 2));
        assertEquals('\uD83D', PythonStr.codePointAt("\uD83D\uDE00".toCharArray(), 0, 1),
                "a pair cut by the range end");
    }

    @Test
    void lowerOfDottedCapitalIIsTwoCodePoints() {
        assertEquals("i\u0307stanbul", PythonStr.lower("\u0130stanbul"));
    }

    @Test
    void lowerLeavesDotlessIAndSharpSAlone() {
        assertEquals("\u0131 stra\u00dfe strasse", PythonStr.lower("\u0131 STRA\u00dfE STRASSE"));
        assertEquals("\u00df", PythonStr.lower("\u1E9E"), "capital sharp s");
    }

    @Test
    void lowerMapsKelvinSignToAsciiK() {
        assertEquals("kelvin", PythonStr.lower("\u212AELVIN"));
    }

    @Test
    void capitalSigmaBecomesFinalOnlyAfterACasedLetterAndBeforeNone() {
        assertEquals("\u03bf\u03b4\u03bf\u03c2", PythonStr.lower("\u039f\u0394\u039f\u03a3"));
        assertEquals("\u03c3", PythonStr.lower("\u03a3"), "alone");
        assertEquals("\u03c3\u03c3\u03c3\u03c2", PythonStr.lower("\u03a3\u03a3\u03a3\u03a3"));
        assertEquals("1\u03c3", PythonStr.lower("1\u03a3"), "a digit is not cased");
        assertEquals("\u03b1\u03c2 \u03b2", PythonStr.lower("\u0391\u03a3 \u0392"), "a space is not ignorable");
    }

    @Test
    void finalSigmaSkipsCaseIgnorablesIncludingDotsAndApostrophes() {
        assertEquals("\u03b1\u03c3.\u03b2", PythonStr.lower("\u0391\u03a3.\u0392"), "'.' is MidNumLet");
        assertEquals("\u03b1\u03c3'\u03b2", PythonStr.lower("\u0391\u03a3'\u0392"));
        assertEquals("\u03b1\u0301\u03c2", PythonStr.lower("\u0391\u0301\u03a3"), "combining mark skipped");
        assertEquals("\u0301\u03c3", PythonStr.lower("\u0301\u03a3"), "only ignorables before");
    }

    @Test
    void finalSigmaContextIsLimitedToTheRange() {
        String text = "\u0391\u03a3.\u0392";
        assertEquals("\u03b1\u03c2", PythonStr.lower(text.toCharArray(), 0, 2));
        assertEquals("\u03c3.\u03b2", PythonStr.lower(text.toCharArray(), 1, 4), "no cased letter before");
    }

    @Test
    void lowerKnowsUnicode14CaseMappingsThatJdk17Lacks() {
        assertEquals(new String(Character.toChars(0x10597)), PythonStr.lower(new String(Character.toChars(0x10570))));
        assertEquals("\ua7c1", PythonStr.lower("\ua7c0"));
    }

    @Test
    void lowerKeepsTextWithoutCasedLettersAndUnpairedSurrogates() {
        String text = "already lower \uD83D\uDE00 \u4e2d\u6587 \uDE00\uD83D";
        assertEquals(text, PythonStr.lower(text));
    }

    @Test
    void lowerGrowsItsBufferForManyExpansions() {
        assertEquals("i\u0307".repeat(1000) + "abc", PythonStr.lower("\u0130".repeat(1000) + "ABC"));
    }

    @Test
    void lowerAgreesWithJavaOnAsciiAndLatin1() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        assertEquals(all.toString().toLowerCase(Locale.ROOT), PythonStr.lower(all.toString()));
    }

    @Test
    void stripRemovesPythonWhitespaceOnly() {
        String text = "\u00a0\u3000\u001c x \u200b\u0085 ";
        int start = PythonStr.stripStart(text.toCharArray(), 0, text.length());
        int end = PythonStr.stripEnd(text.toCharArray(), start, text.length());
        assertEquals("x \u200b", text.substring(start, end));
    }

    @Test
    void stripOfWhitespaceOnlyIsEmpty() {
        char[] text = " \t\u2028\u2029 ".toCharArray();
        int start = PythonStr.stripStart(text, 0, text.length);
        assertEquals(text.length, start);
        assertEquals(start, PythonStr.stripEnd(text, start, text.length));
    }
}
