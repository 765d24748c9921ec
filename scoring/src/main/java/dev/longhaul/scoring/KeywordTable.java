package dev.longhaul.scoring;

import java.util.Arrays;

/**
 * The distinct keywords of a prompt, for looking up every word of a response. Most words of a response are not
 * keywords of its prompt, or are keywords already found, so a lookup first checks a pre-filter, the
 * (first char, length) pairs of the keywords not yet found, and hashes and probes only the words that pass.
 */
final class KeywordTable {

    private static final int MAX_LENGTH_BIT = 63;

    private final CharSequenceSet keywords;
    private char[] firstChars = new char[16];
    private int[] lengths = new int[16];
    /** Per keyword, the next keyword whose first char has the same low seven bits, or -1. */
    private int[] nextWithFirstChar = new int[16];
    /** Per first char (its low seven bits), the last keyword added that starts with it, or -1. */
    private final int[] lastWithFirstChar = new int[0x80];

    private KeywordTable(int expected) {
        keywords = new CharSequenceSet(expected);
        Arrays.fill(lastWithFirstChar, -1);
    }

    /** The keywords of a lowercased prompt, {@code text[0:n]}. */
    static KeywordTable of(char[] text, int n) {
        // A keyword and the char after it take at least five chars.
        KeywordTable table = new KeywordTable(n / 5);
        PromptRelevance.forEachKeyword(text, n, (t, start, end) -> {
            int before = table.keywords.size();
            if (table.keywords.add(t, start, end, CharSequenceSet.hash(t, start, end)) == before) {
                table.remember(t[start], end - start);
            }
            return true;
        });
        return table;
    }

    private void remember(char firstChar, int length) {
        int id = keywords.size() - 1;
        if (id == firstChars.length) {
            firstChars = Arrays.copyOf(firstChars, id * 2);
            lengths = Arrays.copyOf(lengths, id * 2);
            nextWithFirstChar = Arrays.copyOf(nextWithFirstChar, id * 2);
        }
        firstChars[id] = firstChar;
        lengths[id] = length;
        nextWithFirstChar[id] = lastWithFirstChar[firstChar & 0x7F];
        lastWithFirstChar[firstChar & 0x7F] = id;
    }

    /** @return the number of distinct keywords */
    int size() {
        return keywords.size();
    }

    /** @return how many of the keywords are among the keywords of the lowercased response {@code text[0:n]} */
    int countFoundIn(char[] text, int n) {
        int size = keywords.size();
        // Per first char (its low seven bits), a bit per length (capped at 63) of a keyword not found yet.
        long[] unfound = new long[0x80];
        for (int id = 0; id < size; id++) {
            unfound[firstChars[id] & 0x7F] |= lengthBit(lengths[id]);
        }
        boolean[] found = new boolean[size];
        int[] count = {0};
        PromptRelevance.forEachKeyword(text, n, (t, start, end) -> {
            if ((unfound[t[start] & 0x7F] & lengthBit(end - start)) != 0) {
                int id = keywords.indexOf(t, start, end, CharSequenceSet.hash(t, start, end));
                if (id >= 0 && !found[id]) {
                    found[id] = true;
                    count[0]++;
                    unfound[t[start] & 0x7F] = unfoundBits(found, id);
                }
            }
            // Once every keyword is found, the rest of the response cannot change the share.
            return count[0] < size;
        });
        return count[0];
    }

    /** @return the length bits of the keywords not found yet that share the first-char slot of {@code id} */
    private long unfoundBits(boolean[] found, int id) {
        long bits = 0;
        for (int k = lastWithFirstChar[firstChars[id] & 0x7F]; k >= 0; k = nextWithFirstChar[k]) {
            if (!found[k]) {
                bits |= lengthBit(lengths[k]);
            }
        }
        return bits;
    }

    private static long lengthBit(int length) {
        return 1L << Math.min(length, MAX_LENGTH_BIT);
    }
}
