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

    private PromptRelevance() {
    }

    /**
     * @param lowerPrompt   the prompt after {@code str.lower()}
     * @param lowerResponse the response after {@code str.lower()}
     */
    static double ratio(PythonLowercase lowerPrompt, PythonLowercase lowerResponse) {
        CharSequenceSet keywords = new CharSequenceSet();
        forEachKeyword(lowerPrompt.chars(), lowerPrompt.length(), keywords::add);
        if (keywords.size() == 0) {
            return 0.0;
        }
        boolean[] found = new boolean[keywords.size()];
        int[] foundCount = {0};
        forEachKeyword(lowerResponse.chars(), lowerResponse.length(), (text, start, end, hash) -> {
            int keyword = keywords.indexOf(text, start, end, hash);
            if (keyword >= 0 && !found[keyword]) {
                found[keyword] = true;
                foundCount[0]++;
            }
        });
        return (double) foundCount[0] / keywords.size();
    }

    /** Receives one keyword as a range of a text, with its {@link CharSequenceSet#hash}. */
    @FunctionalInterface
    interface KeywordSink {
        void accept(char[] text, int start, int end, int hash);
    }

    /** Calls {@code sink} for every maximal run of at least four {@code \w} code points in {@code text[0:n]}. */
    static void forEachKeyword(char[] text, int n, KeywordSink sink) {
        int runStart = 0;
        int runCodePoints = 0;
        int hash = 0;
        int i = 0;
        while (i < n) {
            char c = text[i];
            int cp = Character.isHighSurrogate(c) ? PythonStr.codePointAt(text, i, n) : c;
            int width = Character.charCount(cp);
            if (PythonUnicode.isWord(cp)) {
                if (runCodePoints == 0) {
                    runStart = i;
                    hash = 0;
                }
                hash = 31 * hash + c;
                if (width == 2) {
                    hash = 31 * hash + text[i + 1];
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
}
