package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the character tables against live Python for all 1,114,112 code points. {@code python-unicode-digests.json}
 * holds, per property and per plane, a SHA-256 of Python's answers (see {@code parity/README.md}); a mismatch names
 * the property and the plane.
 */
class PythonUnicodeTest {

    private static final int PLANE = 0x10000;
    private static JsonNode digests;

    @BeforeAll
    static void loadDigests() throws IOException {
        try (InputStream in = PythonUnicodeTest.class.getResourceAsStream("/parity/python-unicode-digests.json")) {
            digests = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void tablesComeFromTheSamePythonAsTheDigests() {
        assertEquals(digests.get("version").asText(), PythonUnicode.version());
    }

    @Test
    void wordMatchesPythonBackslashW() {
        assertFlagsMatch("word", PythonUnicode::isWord);
    }

    @Test
    void decimalMatchesPythonBackslashD() {
        assertFlagsMatch("decimal", PythonUnicode::isDecimal);
    }

    @Test
    void spaceMatchesPythonBackslashS() {
        assertFlagsMatch("space", PythonUnicode::isSpace);
    }

    @Test
    void caseClassesMatchPythonsFinalSigmaRule() {
        for (int plane = 0; plane <= 16; plane++) {
            byte[] classes = new byte[PLANE];
            for (int i = 0; i < PLANE; i++) {
                int cp = plane * PLANE + i;
                classes[i] = (byte) (PythonUnicode.isCaseIgnorable(cp) ? 1 : PythonUnicode.isCased(cp) ? 2 : 0);
            }
            assertEquals(digests.get("case_class").get(plane).asText(), sha256(classes), "case_class plane " + plane);
        }
    }

    @Test
    void lowerOfEveryCodePointMatchesPythonStrLower() {
        for (int plane = 0; plane <= 16; plane++) {
            ByteBuffer bytes = ByteBuffer.allocate(PLANE * 12);
            for (int i = 0; i < PLANE; i++) {
                String lower = PythonStr.lower(new String(Character.toChars(plane * PLANE + i)));
                lower.codePoints().forEach(bytes::putInt);
                bytes.putInt(-1);
            }
            byte[] used = new byte[bytes.position()];
            bytes.flip().get(used);
            assertEquals(digests.get("lower").get(plane).asText(), sha256(used), "lower plane " + plane);
        }
    }

    @Test
    void pythonWhitespaceIncludesNoBreakSpacesAndInformationSeparatorsButNotZeroWidthOnes() {
        for (int cp : new int[] {'\t', '\n', 0x0B, 0x0C, '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680,
                0x2000, 0x2007, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000}) {
            assertTrue(PythonUnicode.isSpace(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[] {0x180E, 0x200B, 0x200D, 0x2060, 0xFEFF, 0x00AD, 'a', 0}) {
            assertFalse(PythonUnicode.isSpace(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void pythonWordCharactersIncludeEveryNumericCharacterAndUnicode14Letters() {
        assertTrue(PythonUnicode.isWord('_'));
        assertTrue(PythonUnicode.isWord(0x00B2), "superscript two is isdigit()");
        assertTrue(PythonUnicode.isWord(0x00BD), "one half is isnumeric()");
        assertTrue(PythonUnicode.isWord(0x2460), "circled one");
        assertTrue(PythonUnicode.isWord(0x2160), "roman numeral one");
        assertTrue(PythonUnicode.isWord(0x10570), "Vithkuqi, new in Unicode 14, unknown to JDK 17");
        assertTrue(PythonUnicode.isWord(0x16AC0), "Tangsa digit, new in Unicode 14");
        assertFalse(PythonUnicode.isWord(0x0301), "combining acute is Mn");
        assertFalse(PythonUnicode.isWord(0x094D), "Devanagari virama is Mn");
        assertFalse(PythonUnicode.isWord(0x1F600), "emoji");
        assertFalse(PythonUnicode.isWord(0xD800), "lone surrogate");
    }

    @Test
    void pythonDecimalDigitsAreNdOnly() {
        assertTrue(PythonUnicode.isDecimal('7'));
        assertTrue(PythonUnicode.isDecimal(0x0663), "Arabic-Indic three");
        assertTrue(PythonUnicode.isDecimal(0x1D7CE), "mathematical bold zero");
        assertTrue(PythonUnicode.isDecimal(0x16AC0), "Tangsa zero, new in Unicode 14");
        assertFalse(PythonUnicode.isDecimal(0x00B9), "superscript one is No");
        assertFalse(PythonUnicode.isDecimal(0x2460), "circled one is No");
    }

    private static void assertFlagsMatch(String property, IntPredicate test) {
        for (int plane = 0; plane <= 16; plane++) {
            byte[] flags = new byte[PLANE];
            for (int i = 0; i < PLANE; i++) {
                flags[i] = (byte) (test.test(plane * PLANE + i) ? 1 : 0);
            }
            assertEquals(digests.get(property).get(plane).asText(), sha256(flags), property + " plane " + plane);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
