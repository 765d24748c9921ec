package dev.longhaul.samples.scorer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a piece of Python source the way Python's tokenizer does, without parsing expressions: every string closed
 * (single-quoted ones on their line), brackets balanced and matching, nothing after a line-continuation backslash,
 * indentation consistent (no unexpected indent, every dedent back to an outer level), every line that ends with
 * {@code :} followed by an indented block, every compound statement's header ({@code if}, {@code for}, {@code def},
 * …) with its {@code :}, no statement ending with an operator, and no two names or numbers in a row. Source that passes is not proven valid (Java cannot run Python's parser),
 * but source that fails would not compile — the typical ways an answer's code breaks: cut off mid-statement, a
 * bracket lost, a block left empty, indentation mangled.
 */
public final class PythonBlockCheck {

    private static final int TAB_STOP = 8;
    /**
     * Characters no Python statement can end with: an operator or a dot waiting for its operand. Not {@code *}:
     * {@code from m import *} ends with it.
     */
    private static final String OPERATORS = "+-/%&|^~<>=.@";
    /**
     * Keywords that open a compound statement, whose header needs a {@code :} outside brackets. Not the soft keywords
     * {@code match} and {@code case}, which may be plain names.
     */
    /** Python's keywords and soft keywords: a name or number may follow or precede one, not another name. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "match", "case", "type", "_");
    private static final Set<String> COMPOUND_KEYWORDS = Set.of("if", "elif", "else", "while", "for", "try", "except",
            "finally", "with", "def", "class", "async");

    private PythonBlockCheck() {
    }

    /**
     * Whether the source passes the check.
     *
     * @param source Python source
     * @return true when no problem was found
     */
    public static boolean isWellFormed(String source) {
        return problem(source).isEmpty();
    }

    /**
     * The first problem found, as Python would name it.
     *
     * @param source Python source
     * @return for example {@code line 3: '(' was never closed}, or empty when the source passes
     */
    public static Optional<String> problem(String source) {
        return new Scan().run(source);
    }

    /** The state of one scan: open brackets, the indentation levels, an open string, the current logical line. */
    private static final class Scan {
        private final Deque<Character> brackets = new ArrayDeque<>();
        private final Deque<Integer> bracketLines = new ArrayDeque<>();
        private final Deque<Integer> indents = new ArrayDeque<>();
        private String openQuote;
        private int quoteLine;
        private boolean backslashContinues;
        private boolean expectIndent;
        private int headerLine;
        private char lastSignificant;
        private String firstWord;
        private String previousWord;
        private boolean colonAtTopLevel;

        Optional<String> run(String source) {
            indents.push(0);
            String[] lines = source.split("\r\n|\r|\n", -1);
            int count = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
            for (int i = 0; i < count; i++) {
                Optional<String> problem = line(lines[i], i + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            int last = count;
            if (openQuote != null) {
                return at(quoteLine, "unterminated " + (openQuote.length() == 3 ? "triple-quoted " : "") + "string");
            }
            if (!brackets.isEmpty()) {
                return at(bracketLines.peek(), "'" + brackets.peek() + "' was never closed");
            }
            if (backslashContinues) {
                return at(last, "unexpected end of source after a line continuation");
            }
            if (expectIndent) {
                return at(headerLine, "expected an indented block after the line ending with ':'");
            }
            return Optional.empty();
        }

        private Optional<String> line(String line, int number) {
            int pos = 0;
            if (openQuote == null && brackets.isEmpty() && !backslashContinues) {
                String body = line.strip();
                if (body.isEmpty() || body.startsWith("#")) {
                    return Optional.empty(); // blank and comment-only lines do not take part in indentation
                }
                int width = 0;
                while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                    width = line.charAt(pos) == '\t' ? (width / TAB_STOP + 1) * TAB_STOP : width + 1;
                    pos++;
                }
                Optional<String> problem = indentation(width, number);
                if (problem.isPresent()) {
                    return problem;
                }
                lastSignificant = 0;
                firstWord = line.substring(pos, wordEnd(line, pos));
                colonAtTopLevel = false;
                previousWord = null;
            }
            backslashContinues = false;
            boolean stringContinues = false;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (openQuote != null) {
                    if (c == '\\') {
                        stringContinues = pos == line.length() - 1;
                        pos += 2;
                    } else if (line.startsWith(openQuote, pos)) {
                        pos += openQuote.length();
                        openQuote = null;
                        lastSignificant = c;
                    } else {
                        pos++;
                    }
                    continue;
                }
                if (c == '#') {
                    break;
                }
                if (isWordChar(c)) {
                    int end = wordEnd(line, pos);
                    String word = line.substring(pos, end);
                    if (previousWord != null && !KEYWORDS.contains(previousWord) && !KEYWORDS.contains(word)) {
                        return at(number, "invalid syntax: '" + previousWord + " " + word + "'");
                    }
                    previousWord = word;
                    lastSignificant = word.charAt(word.length() - 1);
                    pos = end;
                    continue;
                }
                if (!Character.isWhitespace(c)) {
                    previousWord = null;
                }
                if (c == '\'' || c == '"') {
                    String triple = String.valueOf(c).repeat(3);
                    openQuote = line.startsWith(triple, pos) ? triple : String.valueOf(c);
                    quoteLine = number;
                    pos += openQuote.length();
                    continue;
                }
                if (c == '\\') {
                    if (pos != line.length() - 1) {
                        return at(number, "unexpected character after line continuation character");
                    }
                    backslashContinues = true;
                    break;
                }
                Optional<String> problem = bracket(c, number);
                if (problem.isPresent()) {
                    return problem;
                }
                if (c == ':' && brackets.isEmpty()) {
                    colonAtTopLevel = true;
                }
                if (!Character.isWhitespace(c)) {
                    // "1." is a number, not an attribute access cut short
                    lastSignificant = c == '.' && pos > 0 && Character.isDigit(line.charAt(pos - 1)) ? '0' : c;
                }
                pos++;
            }
            if (openQuote != null && openQuote.length() == 1 && !stringContinues) {
                return at(quoteLine, "unterminated string");
            }
            if (openQuote == null && brackets.isEmpty() && !backslashContinues) {
                if (OPERATORS.indexOf(lastSignificant) >= 0) {
                    return at(number, "invalid syntax: the line ends with '" + lastSignificant + "'");
                }
                if (COMPOUND_KEYWORDS.contains(firstWord) && !colonAtTopLevel) {
                    return at(number, "expected ':' in the '" + firstWord + "' statement");
                }
                if (lastSignificant == ':') {
                    expectIndent = true;
                    headerLine = number;
                }
            }
            return Optional.empty();
        }

        /** A name, keyword or number: letters, digits and underscores. */
        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        private static int wordEnd(String line, int from) {
            int end = from;
            while (end < line.length() && isWordChar(line.charAt(end))) {
                end++;
            }
            return end;
        }

        private Optional<String> indentation(int width, int number) {
            if (expectIndent) {
                if (width <= indents.peek()) {
                    return at(number, "expected an indented block after line " + headerLine);
                }
                indents.push(width);
                expectIndent = false;
                return Optional.empty();
            }
            if (width > indents.peek()) {
                return at(number, "unexpected indent");
            }
            while (width < indents.peek()) {
                indents.pop();
            }
            return width == indents.peek() ? Optional.empty()
                    : at(number, "unindent does not match any outer indentation level");
        }

        private Optional<String> bracket(char c, int number) {
            if (c == '(' || c == '[' || c == '{') {
                brackets.push(c);
                bracketLines.push(number);
            } else if (c == ')' || c == ']' || c == '}') {
                if (brackets.isEmpty()) {
                    return at(number, "unmatched '" + c + "'");
                }
                char open = brackets.pop();
                bracketLines.pop();
                if (c != closing(open)) {
                    return at(number, "closing '" + c + "' does not match '" + open + "'");
                }
            }
            return Optional.empty();
        }

        private static char closing(char open) {
            return open == '(' ? ')' : open == '[' ? ']' : '}';
        }

        private static Optional<String> at(int line, String problem) {
            return Optional.of("line " + line + ": " + problem);
        }
    }
}
