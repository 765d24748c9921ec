package dev.longhaul.scoring;

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

    private static final int MIN_CODE_POINTS = 4;
    /** {@code \w} for ASCII, from the same table as every other code point, read without a code point decode. */
    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = PythonUnicode.isWord(c);
        }
    }

    private PromptRelevance() {
    }

    /**
     * @param lowerPrompt   the prompt after {@code str.lower()}
     * @param lowerResponse the response after {@code str.lower()}
     */
    static double ratio(PythonLowercase lowerPrompt, PythonLowercase lowerResponse) {
        KeywordTable keywords = KeywordTable.of(lowerPrompt.chars(), lowerPrompt.length());
        if (keywords.size() == 0) {
            return 0.0;
        }
        return (double) keywords.countFoundIn(lowerResponse.chars(), lowerResponse.length()) / keywords.size();
    }

    /** Receives one keyword as a range of a text. */
    @FunctionalInterface
    interface KeywordSink {
        /** @return whether to go on with the next keyword */
        boolean accept(char[] text, int start, int end);
    }

    /**
     * Calls {@code sink} for every maximal run of at least four {@code \w} code points in {@code text[0:n]}, in
     * order, until it returns false.
     */
    static void forEachKeyword(char[] text, int n, KeywordSink sink) {
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (c < 0x80 && !ASCII_WORD[c]) {
                i++;
                continue;
            }
            int start = i;
            int codePoints = 0;
            while (i < n) {
                c = text[i];
                if (c < 0x80) {
                    if (!ASCII_WORD[c]) {
                        break;
                    }
                    i++;
                } else {
                    int cp = Character.isHighSurrogate(c) ? PythonStr.codePointAt(text, i, n) : c;
                    if (!PythonUnicode.isWord(cp)) {
                        break;
                    }
                    i += Character.charCount(cp);
                }
                codePoints++;
            }
            if (codePoints >= MIN_CODE_POINTS && !sink.accept(text, start, i)) {
                return;
            }
            if (codePoints == 0) {
                // Stopped at a non-ASCII code point that is not \w: step over it whole.
                i += Character.isHighSurrogate(c) ? Character.charCount(PythonStr.codePointAt(text, i, n)) : 1;
            }
        }
    }
}
