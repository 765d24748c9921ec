package dev.longhaul.backend.http;

/**
 * The first bytes of a body as one printable line for an error message: ASCII printable characters as they are,
 * everything else (line breaks, control bytes, non-ASCII bytes) escaped, so a message stays one line whatever the
 * server sent.
 */
final class BodyExcerpt {

    /** How many bytes of a body an error message shows. */
    static final int MAX_BYTES = 200;

    private BodyExcerpt() {
    }

    static String of(byte[] body) {
        return of(body, body.length);
    }

    static String of(byte[] body, int length) {
        int shown = Math.min(length, MAX_BYTES);
        StringBuilder out = new StringBuilder(shown + 16).append('"');
        for (int i = 0; i < shown; i++) {
            int b = body[i] & 0xff;
            switch (b) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        out.append('"');
        if (length > shown) {
            out.append("... (").append(length).append(" bytes)");
        }
        return out.toString();
    }
}
