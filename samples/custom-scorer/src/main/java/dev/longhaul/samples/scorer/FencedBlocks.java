package dev.longhaul.samples.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the fenced code blocks of a Markdown text as CommonMark defines them: an opening fence of three or more
 * backticks or tildes indented by at most three spaces, an optional info string, and a closing fence of the same
 * character at least as long, with nothing after it but spaces.
 */
public final class FencedBlocks {

    private FencedBlocks() {
    }

    /**
     * The fenced blocks of a text, in order.
     *
     * @param markdown the text
     * @return the blocks, empty when there are none
     */
    public static List<FencedBlock> of(String markdown) {
        List<FencedBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            Fence open = Fence.opening(lines[i]);
            if (open == null) {
                i++;
                continue;
            }
            StringBuilder code = new StringBuilder();
            boolean closed = false;
            for (i++; i < lines.length; i++) {
                if (open.closedBy(lines[i])) {
                    closed = true;
                    i++;
                    break;
                }
                code.append(open.unindent(lines[i])).append('\n');
            }
            blocks.add(new FencedBlock(open.language, code.toString(), closed));
        }
        return blocks;
    }

    /** An opening fence: its character, its length, its indentation and the language it names. */
    private static final class Fence {
        final char mark;
        final int length;
        final int indent;
        final String language;

        private Fence(char mark, int length, int indent, String language) {
            this.mark = mark;
            this.length = length;
            this.indent = indent;
            this.language = language;
        }

        static Fence opening(String line) {
            int indent = leadingSpaces(line);
            if (indent > 3 || indent == line.length()) {
                return null;
            }
            char mark = line.charAt(indent);
            if (mark != '`' && mark != '~') {
                return null;
            }
            int length = run(line, indent, mark);
            if (length < 3) {
                return null;
            }
            String info = line.substring(indent + length).strip();
            if (mark == '`' && info.indexOf('`') >= 0) {
                return null; // CommonMark: a backtick fence's info string cannot contain a backtick
            }
            String language = info.isEmpty() ? "" : info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return new Fence(mark, length, indent, language);
        }

        boolean closedBy(String line) {
            int indent = leadingSpaces(line);
            if (indent > 3 || indent == line.length() || line.charAt(indent) != mark) {
                return false;
            }
            int length = run(line, indent, mark);
            return length >= this.length && line.substring(indent + length).isBlank();
        }

        String unindent(String line) {
            int strip = Math.min(indent, leadingSpaces(line));
            return line.substring(strip);
        }

        private static int leadingSpaces(String line) {
            int n = 0;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            return n;
        }

        private static int run(String line, int from, char mark) {
            int end = from;
            while (end < line.length() && line.charAt(end) == mark) {
                end++;
            }
            return end - from;
        }
    }
}
