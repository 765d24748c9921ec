package dev.longhaul.scoring;

/**
 * How {@code has_lists} decides that a response contains a list.
 */
public enum ListRule {

    /**
     * The seed's rule, {@code re.search(r"^[\-\*\d]\.\s", response, re.MULTILINE)}: a line that starts with
     * {@code -}, {@code *} or one Unicode decimal digit, then a dot, then Python whitespace.
     *
     * <p>Quirk kept for parity: it needs a dot after the bullet character, so it misses the usual Markdown bullets
     * {@code "- item"} and {@code "* item"}, and also {@code "10. item"}, {@code "1) item"} and indented items,
     * while it accepts {@code "1. item"}, {@code "-. item"} and {@code "*. item"}. Any Unicode decimal digit counts
     * ({@code "٣. item"}, even the supplementary-plane {@code "\uD835\uDFCE. item"}), and the whitespace may be
     * the line end, so a line {@code "1."} counts.
     */
    SEED {
        @Override
        boolean matchesAt(String text, int start) {
            if (start >= text.length()) {
                return false;
            }
            int first = text.codePointAt(start);
            if (first != '-' && first != '*' && !PythonUnicode.isDecimal(first)) {
                return false;
            }
            int dot = start + Character.charCount(first);
            return dot + 1 < text.length() && text.charAt(dot) == '.'
                    && PythonUnicode.isSpace(text.charAt(dot + 1));
        }
    },

    /**
     * The seed's rule plus Markdown lists: a line that, after optional spaces or tabs, starts with a bullet
     * {@code -}, {@code *} or {@code +}, or with one to nine ASCII digits and {@code .} or {@code )}, followed by a
     * space or tab. So {@code "- item"}, {@code "* item"}, {@code "+ item"}, {@code "1. item"},
     * {@code "10) item"} and {@code "  - nested"} count, while {@code "---"}, {@code "**bold**"} and
     * {@code "-item"} do not. Everything {@link #SEED} accepts still counts, so this rule never scores a response
     * lower than the seed's.
     */
    MARKDOWN {
        @Override
        boolean matchesAt(String text, int start) {
            return SEED.matchesAt(text, start) || isMarkdownItem(text, start);
        }
    };

    /**
     * Whether the text contains a list by this rule.
     *
     * @param text the response
     * @return true if some line starts a list item
     */
    public boolean hasLists(String text) {
        return LineStarts.any(text, this::matchesAt);
    }

    abstract boolean matchesAt(String text, int lineStart);

    private static final int MAX_ORDINAL_DIGITS = 9;

    private static boolean isMarkdownItem(String text, int start) {
        int i = start;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        char c = text.charAt(i);
        int afterMarker;
        if (c == '-' || c == '*' || c == '+') {
            afterMarker = i + 1;
        } else {
            int digits = 0;
            while (i + digits < n && digits <= MAX_ORDINAL_DIGITS && isAsciiDigit(text.charAt(i + digits))) {
                digits++;
            }
            if (digits == 0 || digits > MAX_ORDINAL_DIGITS || i + digits >= n) {
                return false;
            }
            char delimiter = text.charAt(i + digits);
            if (delimiter != '.' && delimiter != ')') {
                return false;
            }
            afterMarker = i + digits + 1;
        }
        return afterMarker < n && (text.charAt(afterMarker) == ' ' || text.charAt(afterMarker) == '\t');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
