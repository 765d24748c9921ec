package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * The Python 3.11 {@code str} operations the seed's metrics use, on ranges of a Java string: {@code lower()},
 * {@code strip()} and {@code len()}. A Java string is read as the code points Python would hold for the same text:
 * a surrogate pair is one code point, an unpaired surrogate is a code point of its own.
 */
final class PythonStr {

    private static final int CAPITAL_SIGMA = 0x03A3;
    private static final int SMALL_SIGMA = 0x03C3;
    private static final int FINAL_SIGMA = 0x03C2;

    private PythonStr() {
    }

    /** {@code len(s[start:end])}: the number of code points. */
    static int length(String s, int start, int end) {
        return Character.codePointCount(s, start, end);
    }

    /** The code point at {@code i}, not pairing a high surrogate with a low one at or beyond {@code end}. */
    static int codePointAt(String s, int i, int end) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < end) {
            char next = s.charAt(i + 1);
            if (Character.isLowSurrogate(next)) {
                return Character.toCodePoint(c, next);
            }
        }
        return c;
    }

    /** The index after leading {@code str.strip()} whitespace of {@code s[start:end]}. */
    static int stripStart(String s, int start, int end) {
        int i = start;
        // Every Python whitespace character is in the BMP, so a char test is a code point test.
        while (i < end && PythonUnicode.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the last character that {@code str.strip()} keeps of {@code s[start:end]}. */
    static int stripEnd(String s, int start, int end) {
        int i = end;
        while (i > start && PythonUnicode.isSpace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** {@code s.lower()}. */
    static String lower(String s) {
        return lower(s, 0, s.length());
    }

    /**
     * {@code s[start:end].lower()}: Python's full lowercase mapping ({@code 'İ'} becomes {@code 'i'} plus
     * U+0307), with capital sigma becoming final sigma by CPython's context rule, which looks only within the
     * range.
     */
    static String lower(String s, int start, int end) {
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    break;
                }
                i++;
            } else {
                int cp = codePointAt(s, i, end);
                if (!PythonUnicode.lowerIsIdentity(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
        }
        if (i == end) {
            return s.substring(start, end);
        }
        char[] out = new char[end - start + 16];
        s.getChars(start, i, out, 0);
        int o = i - start;
        while (i < end) {
            if (out.length - o < 4) {
                out = Arrays.copyOf(out, out.length + (out.length >> 1) + 4);
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                i++;
                continue;
            }
            int cp = codePointAt(s, i, end);
            if (cp == CAPITAL_SIGMA) {
                out[o++] = (char) (isFinalSigma(s, i, start, end) ? FINAL_SIGMA : SMALL_SIGMA);
            } else {
                int mapped = PythonUnicode.lowerSingle(cp);
                if (mapped >= 0) {
                    o += Character.toChars(mapped, out, o);
                } else {
                    for (int x : PythonUnicode.lowerExpansion(cp)) {
                        if (out.length - o < 2) {
                            out = Arrays.copyOf(out, out.length * 2);
                        }
                        o += Character.toChars(x, out, o);
                    }
                }
            }
            i += Character.charCount(cp);
        }
        return new String(out, 0, o);
    }

    /**
     * CPython's Final_Sigma test for the capital sigma at {@code i}: a cased code point before it (skipping
     * case-ignorable ones) and no cased code point after it (skipping case-ignorable ones).
     */
    private static boolean isFinalSigma(String s, int i, int start, int end) {
        int j = i;
        int before = -1;
        while (j > start) {
            int cp = codePointBefore(s, j, start);
            j -= Character.charCount(cp);
            if (!PythonUnicode.isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !PythonUnicode.isCased(before)) {
            return false;
        }
        j = i + 1;
        while (j < end) {
            int cp = codePointAt(s, j, end);
            if (!PythonUnicode.isCaseIgnorable(cp)) {
                return !PythonUnicode.isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }

    private static int codePointBefore(String s, int i, int start) {
        char c = s.charAt(i - 1);
        if (Character.isLowSurrogate(c) && i - 2 >= start) {
            char prev = s.charAt(i - 2);
            if (Character.isHighSurrogate(prev)) {
                return Character.toCodePoint(prev, c);
            }
        }
        return c;
    }
}
