package dev.longhaul.render;

/**
 * Escapes text for HTML and inline SVG, in element content and in double-quoted attribute values alike.
 *
 * <p>Everything a model or a user wrote passes through here: {@code <}, {@code >}, {@code &}, {@code "} and
 * {@code '} become character references, so {@code <script>}, {@code </svg>} or {@code onerror=} in an answer
 * stay text. Control characters other than tab, line feed and carriage return, and unpaired surrogates, become
 * U+FFFD: the HTML parser would report them as errors, and an unpaired surrogate has no UTF-8 encoding.
 */
final class HtmlEscape {

    private HtmlEscape() {
    }

    /**
     * @param text any text, or null
     * @return the escaped text; empty for null
     */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
