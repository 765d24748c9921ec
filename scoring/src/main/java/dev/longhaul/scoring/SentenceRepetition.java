package dev.longhaul.scoring;

/**
 * The seed's {@code repetition_ratio}: {@code 1 - unique / max(count, 1)} over the response's "sentences".
 *
 * <p>A sentence is a piece of {@code re.split(r'[.!?]+', response)} that is longer than 20 code points after
 * {@code strip()}; pieces are compared after {@code strip().lower()}. Quirks kept for parity:
 * <ul>
 *   <li>a response without any such sentence (empty, "OK.", short code lines) gets {@code 1 - 0 / 1 = 1.0}, the
 *       worst value, exactly like a response that only repeats itself;</li>
 *   <li>the split also cuts at every dot inside code, version numbers, file names and URLs, so
 *       {@code "version 1.2.3 of the package"} leaves only short pieces, and repeated code lines count as repeated
 *       sentences;</li>
 *   <li>the final-sigma rule of {@code lower()} sees only the stripped piece, not the whole response.</li>
 * </ul>
 */
final class SentenceRepetition {

    private static final int MIN_LENGTH_EXCLUSIVE = 20;
    private static final long TERMINATORS = 1L << '.' | 1L << '!' | 1L << '?';

    private SentenceRepetition() {
    }

    /**
     * @param response      the response's chars
     * @param lowerResponse the whole response lowercased; a sentence's lowercase is taken from it unless the
     *                      sentence holds a capital sigma, whose lowercase depends on the sentence's bounds
     */
    static double ratio(char[] response, PythonLowercase lowerResponse) {
        // A sentence takes at least 22 chars (21 code points and a terminator).
        CharSequenceSet unique = new CharSequenceSet(response.length / (MIN_LENGTH_EXCLUSIVE + 2));
        int sentences = 0;
        int n = response.length;
        int pieceStart = 0;
        while (pieceStart <= n) {
            int pieceEnd = pieceStart;
            while (pieceEnd < n && !isTerminator(response[pieceEnd])) {
                pieceEnd++;
            }
            int start = PythonStr.stripStart(response, pieceStart, pieceEnd);
            int end = PythonStr.stripEnd(response, start, pieceEnd);
            if (isLongEnough(response, start, end)) {
                sentences++;
                addLowercase(unique, response, lowerResponse, start, end);
            }
            int next = pieceEnd;
            while (next < n && isTerminator(response[next])) {
                next++;
            }
            if (next == pieceEnd) {
                break;
            }
            pieceStart = next;
        }
        return 1 - ((double) unique.size() / Math.max(sentences, 1));
    }

    /** Adds {@code response[start:end].lower()}, a slice of the whole lowercase unless a sigma's context differs. */
    private static void addLowercase(CharSequenceSet unique, char[] response, PythonLowercase lowerResponse,
                                     int start, int end) {
        if (lowerResponse.hasCapitalSigmaIn(start, end)) {
            PythonLowercase sentence = PythonLowercase.of(response, start, end);
            unique.add(sentence.chars(), 0, sentence.length(), CharSequenceSet.hash(sentence.chars(), 0,
                    sentence.length()));
        } else {
            char[] lower = lowerResponse.chars();
            int from = lowerResponse.offsetOf(start);
            int to = lowerResponse.offsetOf(end);
            unique.add(lower, from, to, CharSequenceSet.hash(lower, from, to));
        }
    }

    private static boolean isTerminator(char c) {
        // One compare rejects letters and most other chars; all three terminators are below 64.
        return c < 64 && (TERMINATORS & (1L << c)) != 0;
    }

    private static boolean isLongEnough(char[] s, int start, int end) {
        int chars = end - start;
        if (chars <= MIN_LENGTH_EXCLUSIVE) {
            return false;
        }
        // A code point takes at most two chars, so only 21..41 chars need counting.
        return chars > 2 * MIN_LENGTH_EXCLUSIVE + 1 || PythonStr.length(s, start, end) > MIN_LENGTH_EXCLUSIVE;
    }
}
