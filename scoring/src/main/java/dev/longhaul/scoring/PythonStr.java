package dev.longhaul.scoring;

/**
 * The Python 3.11 {@code str} operations the seed's metrics use: {@code lower()}, {@code strip()} and
 * {@code len()}, on ranges of a text held as a char array (scans over arrays are faster than
 * {@link String#charAt}). A Java text is read as the code points Python would hold for the same text: a surrogate
 * pair is one code point, an unpaired surrogate is a code point of its own.
 */
final class PythonStr {

    private PythonStr() {
    }

    /** {@code len(s[start:end])}: the number of code points. */
    static int length(char[] s, int start, int end) {
        return Character.codePointCount(s, start, end - start);
    }

    /** The code point at {@code i}, not pairing a high surrogate with a low one at or beyond {@code end}. */
    static int codePointAt(char[] s, int i, int end) {
        return Character.codePointAt(s, i, end);
    }

    /** The index after leading {@code str.strip()} whitespace of {@code s[start:end]}. */
    static int stripStart(char[] s, int start, int end) {
        int i = start;
        // Every Python whitespace character is in the BMP, so a char test is a code point test.
        while (i < end && mayBeSpace(s[i]) && PythonUnicode.isSpace(s[i])) {
            i++;
        }
        return i;
    }

    /** The index after the last character that {@code str.strip()} keeps of {@code s[start:end]}. */
    static int stripEnd(char[] s, int start, int end) {
        int i = end;
        while (i > start && mayBeSpace(s[i - 1]) && PythonUnicode.isSpace(s[i - 1])) {
            i--;
        }
        return i;
    }

    /** A quick pre-check: printable ASCII above the space is never whitespace. */
    private static boolean mayBeSpace(char c) {
        return c <= ' ' || c >= 0x7F;
    }

    /** {@code s.lower()}. */
    static String lower(String s) {
        return PythonLowercase.of(s.toCharArray(), 0, s.length()).toString();
    }

    /** {@code s[start:end].lower()}, see {@link PythonLowercase}. */
    static String lower(char[] s, int start, int end) {
        return PythonLowercase.of(s, start, end).toString();
    }
}
