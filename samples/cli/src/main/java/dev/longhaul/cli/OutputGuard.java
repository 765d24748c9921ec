package dev.longhaul.cli;

import dev.longhaul.session.JournalState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files one command reads and writes, checked before it starts: no output is one of its inputs, two outputs
 * are never the same file, and no output replaces the journal of an unfinished run. Each refusal is one line
 * naming the flags and the file.
 */
final class OutputGuard {

    private record Named(String flag, Path file) {
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** Notes a file the command reads. */
    OutputGuard input(String flag, Path file) {
        if (file != null) {
            inputs.add(new Named(flag, file));
        }
        return this;
    }

    /**
     * Notes a file the command writes.
     *
     * @throws IllegalArgumentException when it is an input, another output, or a journal of an unfinished run
     */
    OutputGuard output(String flag, Path file) {
        if (file == null) {
            return this;
        }
        for (Named input : inputs) {
            if (same(input.file(), file)) {
                throw new IllegalArgumentException(flag + " " + file + " is also an input (" + input.flag() + " "
                        + input.file() + "); write it elsewhere");
            }
        }
        for (Named other : outputs) {
            if (same(other.file(), file)) {
                throw new IllegalArgumentException(flag + " " + file + " and " + other.flag() + " " + other.file()
                        + " are the same file; give each output its own");
            }
        }
        Optional<JournalState> journal = JournalState.of(file);
        if (journal.isPresent() && journal.get().unfinished()) {
            throw unfinishedJournal(flag, journal.get());
        }
        outputs.add(new Named(flag, file));
        return this;
    }

    /** A refusal to replace the journal of a run that can still be resumed. */
    static IllegalArgumentException unfinishedJournal(String flag, JournalState journal) {
        return new IllegalArgumentException(flag + " " + journal.file() + " journals an unfinished run ("
                + journal.turnsJournalled() + " of " + journal.turnsPlanned() + " turns); continue it with "
                + "longhaul run --resume " + journal.file() + ", or choose another path");
    }

    /** Whether two paths name one file: the same file when both exist, else the same absolute normal path. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        return canonical(a).equals(canonical(b));
    }

    private static Path canonical(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            if (parent != null && Files.exists(parent)) {
                return parent.toRealPath().resolve(absolute.getFileName());
            }
        } catch (IOException e) {
            // keep the absolute path
        }
        return absolute;
    }
}
