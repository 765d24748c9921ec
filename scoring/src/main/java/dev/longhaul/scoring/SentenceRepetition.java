package dev.longhaul.scoring;

import java.util.HashSet;
import java.util.Set;

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

    private SentenceRepetition() {
    }

    static double ratio(String response) {
        Set<String> unique = new HashSet<>();
        int sentences = 0;
        int n = response.length();
        int pieceStart = 0;
        while (pieceStart <= n) {
            int pieceEnd = pieceStart;
            while (pieceEnd < n && !isTerminator(response.charAt(pieceEnd))) {
                pieceEnd++;
            }
            int start = PythonStr.stripStart(response, pieceStart, pieceEnd);
            int end = PythonStr.stripEnd(response, start, pieceEnd);
            if (isLongEnough(response, start, end)) {
                sentences++;
                unique.add(PythonStr.lower(response, start, end));
            }
            int next = pieceEnd;
            while (next < n && isTerminator(response.charAt(next))) {
                next++;
            }
            if (next == pieceEnd) {
                break;
            }
            pieceStart = next;
        }
        return 1 - ((double) unique.size() / Math.max(sentences, 1));
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean isLongEnough(String s, int start, int end) {
        int chars = end - start;
        if (chars <= MIN_LENGTH_EXCLUSIVE) {
            return false;
        }
        // A code point takes at most two chars, so only 21..41 chars need counting.
        return chars > 2 * MIN_LENGTH_EXCLUSIVE + 1 || PythonStr.length(s, start, end) > MIN_LENGTH_EXCLUSIVE;
    }
}
