package dev.longhaul.text;

/**
 * A message as one line, as every message of longhaul is: each line break, with the blanks around it, becomes one
 * space (a server's multi-line error body, an exception's stack of causes in its message).
 */
public final class OneLine {

    private OneLine() {
    }

    /**
     * @param text a message
     * @return the message on one line
     */
    public static String of(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * @param e an exception
     * @return its message on one line, or its class's simple name when it has none
     */
    public static String of(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : of(e.getMessage());
    }
}
