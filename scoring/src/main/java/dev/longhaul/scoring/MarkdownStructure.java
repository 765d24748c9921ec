package dev.longhaul.scoring;

/**
 * The seed's {@code has_headers} and {@code has_code_blocks} tests.
 */
final class MarkdownStructure {

    private static final String FENCE = "```";

    private MarkdownStructure() {
    }

    /**
     * {@code re.search(r"^#{1,3}\s", response, re.MULTILINE)}: a line that starts with one to three {@code #}
     * followed by Python whitespace. That whitespace may be the line's own end, so a line holding only {@code "#"}
     * counts, and so does {@code "#\u00A0x"} (no-break space); {@code "#x"} and {@code "####"} do not.
     */
    static boolean hasHeaders(String response) {
        return LineStarts.any(response, MarkdownStructure::isHeaderAt);
    }

    /**
     * {@code response.count("```") >= 2}: at least two non-overlapping triple backticks anywhere, so a single
     * {@code "````"} is one, {@code "``````"} two, and two inline {@code ```} mentions count like a fenced block.
     */
    static boolean hasCodeBlocks(String response) {
        int first = response.indexOf(FENCE);
        return first >= 0 && response.indexOf(FENCE, first + FENCE.length()) >= 0;
    }

    private static boolean isHeaderAt(String text, int start) {
        int hashes = 0;
        while (hashes < 4 && start + hashes < text.length() && text.charAt(start + hashes) == '#') {
            hashes++;
        }
        int after = start + hashes;
        return hashes >= 1 && hashes <= 3 && after < text.length() && PythonUnicode.isSpace(text.charAt(after));
    }
}
