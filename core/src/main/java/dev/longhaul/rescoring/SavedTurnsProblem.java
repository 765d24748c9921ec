package dev.longhaul.rescoring;

import java.nio.file.Path;

/**
 * Saved turns that cannot be scored: the file cannot be read, or a line is not a turn. The message is one line that
 * names the file and, for a bad line, the line: {@code turns.jsonl:7: "prompt" must be a string}.
 */
public final class SavedTurnsProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    SavedTurnsProblem(Path file, int line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** @return the file of saved turns */
    public Path file() {
        return file;
    }

    /** @return the 1-based number of the bad line, or 0 when the problem is the file's (it cannot be read) */
    public int line() {
        return line;
    }
}
