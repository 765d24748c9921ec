package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * A range of text after Python's {@code str.lower()}: the full lowercase mapping ({@code 'İ'} becomes {@code 'i'}
 * plus U+0307), with capital sigma becoming final sigma by CPython's context rule, which looks only within the
 * range.
 *
 * <p>It also maps source offsets to offsets in the result, and knows where capital sigmas were, the only code
 * points lowercased by context. The lowercase of a sub-range without capital sigma is therefore a slice of this
 * result, which lets sentence comparison skip lowercasing each sentence again.
 */
final class PythonLowercase {

    private static final int CAPITAL_SIGMA = 0x03A3;
    private static final int SMALL_SIGMA = 0x03C3;
    private static final int FINAL_SIGMA = 0x03C2;
    /** The most chars that {@code lower()} makes of one code point (three code points, each a surrogate pair). */
    private static final int MAX_LOWER_CHARS = 6;
    private static final char[] ASCII_LOWER = new char[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    private final char[] chars;
    private final int length;
    private final int sourceStart;
    /** Result offset per source offset (relative to sourceStart), or null when every char kept its offset. */
    private final int[] offsets;
    /** Source offsets of capital sigmas, ascending. */
    private final int[] sigmas;
    private final int sourceCodePoints;

    private PythonLowercase(char[] chars, int length, int sourceStart, int[] offsets, int[] sigmas,
                            int sourceCodePoints) {
        this.chars = chars;
        this.length = length;
        this.sourceStart = sourceStart;
        this.offsets = offsets;
        this.sigmas = sigmas;
        this.sourceCodePoints = sourceCodePoints;
    }

    /** Lowercases {@code s[start:end]}. */
    static PythonLowercase of(char[] s, int start, int end) {
        Builder b = new Builder(s, start, end);
        int i = start;
        while (i < end) {
            // Most text is ASCII: lowercase runs of it in a tight loop.
            i = b.appendAsciiRun(i);
            if (i < end) {
                i = b.appendNonAscii(i);
            }
        }
        return b.build();
    }

    /** The state of one lowercasing: output, offsets once they differ, capital sigma positions. */
    private static final class Builder {
        private final char[] s;
        private final int start;
        private final int end;
        // Invariant: out has room for at least as many chars as remain in the input, so ASCII needs no check.
        private char[] out;
        private int o;
        private int[] offsets;
        private int[] sigmas = new int[0];
        private int sigmaCount;
        private int surrogatePairs;

        Builder(char[] s, int start, int end) {
            this.s = s;
            this.start = start;
            this.end = end;
            this.out = new char[end - start];
        }

        /** Appends the lowercase of the ASCII chars from {@code i} on; returns the index of the first other one. */
        int appendAsciiRun(int i) {
            char c;
            if (offsets == null) {
                // Every char so far kept its offset, so the output index is the input's.
                while (i < end && (c = s[i]) < 0x80) {
                    out[i - start] = ASCII_LOWER[c];
                    i++;
                }
                o = i - start;
                return i;
            }
            while (i < end && (c = s[i]) < 0x80) {
                offsets[i - start] = o;
                out[o++] = ASCII_LOWER[c];
                i++;
            }
            return i;
        }

        /** Appends the lowercase of the code point at {@code i}; returns the index after it. */
        int appendNonAscii(int i) {
            int cp = PythonStr.codePointAt(s, i, end);
            int next = i + Character.charCount(cp);
            if (next - i == 2) {
                surrogatePairs++;
            }
            if (out.length - o < MAX_LOWER_CHARS + (end - next)) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, o + MAX_LOWER_CHARS + (end - next)));
            }
            int before = o;
            if (cp == CAPITAL_SIGMA) {
                if (sigmaCount == sigmas.length) {
                    sigmas = Arrays.copyOf(sigmas, Math.max(8, sigmaCount * 2));
                }
                sigmas[sigmaCount++] = i;
                out[o++] = (char) (isFinalSigma(s, i, start, end) ? FINAL_SIGMA : SMALL_SIGMA);
            } else {
                int mapped = PythonUnicode.lowerSingle(cp);
                if (mapped >= 0) {
                    o += Character.toChars(mapped, out, o);
                } else {
                    for (int x : PythonUnicode.lowerExpansion(cp)) {
                        o += Character.toChars(x, out, o);
                    }
                }
            }
            if (offsets == null && o - before != next - i) {
                offsets = new int[end - start + 1];
                for (int k = 0; k < i - start; k++) {
                    offsets[k] = k;
                }
            }
            if (offsets != null) {
                for (int k = i; k < next; k++) {
                    offsets[k - start] = before;
                }
            }
            return next;
        }

        PythonLowercase build() {
            if (offsets != null) {
                offsets[end - start] = o;
            }
            return new PythonLowercase(out, o, start, offsets, Arrays.copyOf(sigmas, sigmaCount),
                    end - start - surrogatePairs);
        }
    }

    /** @return the lowercase chars; only the first {@link #length()} are used. Not a copy: do not modify. */
    char[] chars() {
        return chars;
    }

    /**
     * @return {@code len()} of the source range: its code points, counted while lowercasing it (a surrogate pair
     *         is one, an unpaired surrogate one of its own)
     */
    int sourceCodePoints() {
        return sourceCodePoints;
    }

    /** @return the number of lowercase chars */
    int length() {
        return length;
    }

    /**
     * @param sourceIndex an offset of the source range at a code point boundary, or its end
     * @return where the lowercase of the code point at {@code sourceIndex} starts in {@link #chars()}
     */
    int offsetOf(int sourceIndex) {
        return offsets == null ? sourceIndex - sourceStart : offsets[sourceIndex - sourceStart];
    }

    /**
     * @return whether {@code source[from:to]} holds a capital sigma; if not, its lowercase is
     *         {@code chars()[offsetOf(from) : offsetOf(to)]}
     */
    boolean hasCapitalSigmaIn(int from, int to) {
        int i = Arrays.binarySearch(sigmas, from);
        int next = i >= 0 ? i : -i - 1;
        return next < sigmas.length && sigmas[next] < to;
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    /**
     * CPython's Final_Sigma test for the capital sigma at {@code i}: a cased code point before it (skipping
     * case-ignorable ones) and no cased code point after it (skipping case-ignorable ones).
     */
    private static boolean isFinalSigma(char[] s, int i, int start, int end) {
        int j = i;
        int before = -1;
        while (j > start) {
            int cp = Character.codePointBefore(s, j, start);
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
            int cp = PythonStr.codePointAt(s, j, end);
            if (!PythonUnicode.isCaseIgnorable(cp)) {
                return !PythonUnicode.isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }
}
