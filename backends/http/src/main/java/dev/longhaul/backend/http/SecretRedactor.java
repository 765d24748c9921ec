package dev.longhaul.backend.http;

/**
 * Removes an API key from text a server sent back (some servers quote the key, or part of it, in their 401 message:
 * "Incorrect API key provided: sk-…abcd"), so that it cannot reach an exception message or a log line.
 */
final class SecretRedactor {

    static final String REDACTED = "[redacted]";
    private static final int MIN_SHARED = 4;

    private final String secret;

    SecretRedactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    String redact(String text) {
        if (secret == null || text == null || text.isEmpty()) {
            return text;
        }
        String out = text.replace(secret, REDACTED);
        // A masked copy of the key still shares its first or last characters; drop any such word.
        StringBuilder result = new StringBuilder(out.length());
        int i = 0;
        while (i < out.length()) {
            int start = i;
            while (i < out.length() && !isSeparator(out.charAt(i))) {
                i++;
            }
            String word = out.substring(start, i);
            String core = word.replaceAll("[.:!?]+$", "");
            result.append(looksLikeKey(core) ? REDACTED + word.substring(core.length()) : word);
            while (i < out.length() && isSeparator(out.charAt(i))) {
                result.append(out.charAt(i++));
            }
        }
        return result.toString();
    }

    private boolean looksLikeKey(String word) {
        if (word.length() < 8 || secret.length() < 2 * MIN_SHARED) {
            return false;
        }
        return word.endsWith(secret.substring(secret.length() - MIN_SHARED))
                || (word.startsWith(secret.substring(0, MIN_SHARED)) && word.length() >= secret.length() / 2);
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '(' || c == ')';
    }
}
