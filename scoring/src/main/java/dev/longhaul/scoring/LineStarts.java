package dev.longhaul.scoring;

/**
 * The positions where a Python {@code re.MULTILINE} {@code ^} matches: the start of the text and every position
 * right after {@code '\n'} (never after a lone {@code '\r'}, U+2028 or other line separators), including the end of
 * a text that ends with {@code '\n'}.
 */
final class LineStarts {

    /** Tests one line start. */
    @FunctionalInterface
    interface LineTest {
        boolean matches(String text, int lineStart);
    }

    private LineStarts() {
    }

    /** @return whether {@code test} matches at any line start of {@code text} */
    static boolean any(String text, LineTest test) {
        int start = 0;
        while (true) {
            if (test.matches(text, start)) {
                return true;
            }
            int newline = text.indexOf('\n', start);
            if (newline < 0) {
                return false;
            }
            start = newline + 1;
        }
    }
}
