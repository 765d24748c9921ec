package dev.longhaul.scoring;

import java.util.List;

/**
 * The seed's {@code hallucinated_references}: how many of seven phrases that refer back to earlier context occur
 * in the lowercased response (each phrase counts at most once).
 *
 * <p>Python lowercases the whole response first, so the Kelvin sign U+212A matches {@code k} ("li\u212Ae before"
 * counts), while {@code 'İ'} becomes {@code "i\u0307"} and so never yields a plain {@code i}.
 */
final class HallucinationPhrases {

    /** The seed's phrases, in its order; all already lowercase. */
    static final List<String> PHRASES = List.of(
            "as mentioned earlier", "as we discussed", "like before",
            "remember when", "from the previous turn", "as shown above",
            "earlier in our conversation");

    private static final char[][] PHRASE_CHARS = PHRASES.stream().map(String::toCharArray).toArray(char[][]::new);
    /** The length of the shortest phrase: the window the search slides over the text. */
    private static final int WINDOW = PHRASES.stream().mapToInt(String::length).min().orElseThrow();
    /**
     * How far the window may slide when it ends in a given pair of chars (low seven bits of each): the distance
     * from that pair to the end of the window in the nearest phrase prefix that contains it, else
     * {@code WINDOW - 1}. Non-ASCII chars share a slot with an ASCII one, which only makes a slide shorter.
     */
    private static final byte[] SHIFT = new byte[1 << 14];

    static {
        java.util.Arrays.fill(SHIFT, (byte) (WINDOW - 1));
        for (char[] phrase : PHRASE_CHARS) {
            for (int q = 1; q < WINDOW; q++) {
                int pair = pair(phrase[q - 1], phrase[q]);
                SHIFT[pair] = (byte) Math.min(SHIFT[pair], WINDOW - 1 - q);
            }
        }
    }

    private HallucinationPhrases() {
    }

    /**
     * {@code sum(1 for p in phrases if p in lower_response)}, in one pass that skips most of the text: a
     * multi-phrase Wu-Manber search that reads the last two chars of an 11-char window and slides the window as far
     * as no phrase can start inside the skipped part, comparing whole phrases only where one may end.
     *
     * @param lower the response after {@code str.lower()}, {@code lower[0:n]}
     */
    static int count(char[] lower, int n) {
        boolean[] found = new boolean[PHRASE_CHARS.length];
        int count = 0;
        int end = WINDOW - 1;
        while (end < n) {
            int shift = SHIFT[pair(lower[end - 1], lower[end])];
            if (shift > 0) {
                end += shift;
                continue;
            }
            int start = end - WINDOW + 1;
            for (int p = 0; p < PHRASE_CHARS.length; p++) {
                if (!found[p] && occursAt(lower, n, start, PHRASE_CHARS[p])) {
                    found[p] = true;
                    if (++count == PHRASE_CHARS.length) {
                        return count;
                    }
                }
            }
            end++;
        }
        return count;
    }

    private static int pair(char first, char second) {
        return (first & 0x7F) << 7 | (second & 0x7F);
    }

    private static boolean occursAt(char[] text, int n, int start, char[] phrase) {
        if (start + phrase.length > n) {
            return false;
        }
        for (int k = 0; k < phrase.length; k++) {
            if (text[start + k] != phrase[k]) {
                return false;
            }
        }
        return true;
    }
}
