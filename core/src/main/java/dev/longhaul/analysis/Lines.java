package dev.longhaul.analysis;

/** Text built line by line as Python's {@code print} emits it: every line followed by {@code \n}. */
final class Lines {

    private final StringBuilder text = new StringBuilder();

    void add(String line) {
        text.append(line).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
