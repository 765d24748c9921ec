package dev.longhaul.scoring;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The seed's {@code prompt_relevance}: the share of the prompt's keywords that the response also contains, where
 * the keywords of a text are {@code set(re.findall(r'\b\w{4,}\b', text.lower()))}.
 *
 * <p>{@code findall} with that pattern yields exactly the maximal runs of {@code \w} code points that are at least
 * four code points long, found in the <em>lowercased</em> text: {@code "İstanbul"} lowercases to
 * {@code "i\u0307stanbul"}, whose combining dot is not {@code \w}, so its keyword is {@code "stanbul"}. Runs
 * include digits and underscores ({@code "get_wait_time"} is one keyword, {@code "2048"} another), and a word
 * shorter than four code points never matches even as part of a longer compound split by punctuation.
 */
final class PromptRelevance {

    private PromptRelevance() {
    }

    /**
     * @param lowerPrompt   the prompt after {@code str.lower()}
     * @param lowerResponse the response after {@code str.lower()}
     */
    static double ratio(String lowerPrompt, String lowerResponse) {
        Set<String> keywords = new LinkedHashSet<>();
        forEachKeyword(lowerPrompt, (text, start, end, hash) -> keywords.add(text.substring(start, end)));
        if (keywords.isEmpty()) {
            return 0.0;
        }
        KeywordTable table = new KeywordTable(keywords);
        forEachKeyword(lowerResponse, table::markIfPresent);
        return (double) table.marked() / keywords.size();
    }

    /** Receives one keyword as a range of a text, with the {@link String#hashCode()} the range would have. */
    @FunctionalInterface
    interface KeywordSink {
        void accept(String text, int start, int end, int hash);
    }

    /** Calls {@code sink} for every maximal run of at least four {@code \w} code points. */
    static void forEachKeyword(String text, KeywordSink sink) {
        // A char array scans faster than String.charAt, whose bounds checks stay in this irregular loop.
        char[] chars = text.toCharArray();
        int n = chars.length;
        int runStart = 0;
        int runCodePoints = 0;
        int hash = 0;
        int i = 0;
        while (i < n) {
            char c = chars[i];
            int cp = c;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                cp = Character.toCodePoint(c, chars[i + 1]);
                width = 2;
            }
            if (PythonUnicode.isWord(cp)) {
                if (runCodePoints == 0) {
                    runStart = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
                if (width == 2) {
                    hash = 31 * hash + chars[i + 1];
                }
                runCodePoints++;
            } else {
                if (runCodePoints >= 4) {
                    sink.accept(text, runStart, i, hash);
                }
                runCodePoints = 0;
            }
            i += width;
        }
        if (runCodePoints >= 4) {
            sink.accept(text, runStart, n, hash);
        }
    }

    /**
     * The prompt's keywords in an open-addressing table that is probed with ranges of the response, so that the
     * response's words need no string of their own.
     */
    private static final class KeywordTable {
        private final String[] slots;
        private final int[] hashes;
        private final boolean[] marks;
        private final int mask;
        private int marked;

        KeywordTable(Set<String> keywords) {
            int capacity = Integer.highestOneBit(keywords.size() * 2 + 1) << 1;
            slots = new String[capacity];
            hashes = new int[capacity];
            marks = new boolean[capacity];
            mask = capacity - 1;
            for (String keyword : keywords) {
                int slot = keyword.hashCode() & mask;
                while (slots[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = keyword;
                hashes[slot] = keyword.hashCode();
            }
        }

        void markIfPresent(String text, int start, int end, int hash) {
            int length = end - start;
            for (int slot = hash & mask; slots[slot] != null; slot = (slot + 1) & mask) {
                String keyword = slots[slot];
                if (hashes[slot] == hash && keyword.length() == length
                        && keyword.regionMatches(0, text, start, length)) {
                    if (!marks[slot]) {
                        marks[slot] = true;
                        marked++;
                    }
                    return;
                }
            }
        }

        int marked() {
            return marked;
        }
    }
}
