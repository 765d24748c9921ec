package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** The start of a JSON value as one line for an error message. */
final class Excerpt {

    static final int MAX_CHARS = 200;

    private Excerpt() {
    }

    static String of(JsonNode json) {
        return of(json.toString());
    }

    static String of(String text) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n");
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS) + "... (" + text.length() + " chars)";
    }
}
