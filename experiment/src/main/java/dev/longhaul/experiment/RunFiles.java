package dev.longhaul.experiment;

import dev.longhaul.report.ReportCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a single run ({@code longhaul run}) keeps its files, in one naming policy: the report {@code NAME.json}, the
 * journal of its turns {@code NAME.turns.jsonl} beside it, and the HTML page {@code NAME.html} beside it. A study's
 * runs are named by {@link StudyFiles} instead.
 *
 * @param report  the report
 * @param journal the journal of its turns, or null for a run without one
 * @param page    the HTML page
 */
public record RunFiles(Path report, Path journal, Path page) {

    /** What a run's journal adds to its report's name, {@code .json} taken off: {@code run.turns.jsonl}. */
    public static final String JOURNAL_SUFFIX = ".turns.jsonl";

    /** The seed's folder for reports when none is named. */
    public static final String DEFAULT_FOLDER = "benchmarks";

    /**
     * @param report  the report
     * @param journal the journal of its turns, or null for a run without one
     * @param page    the HTML page
     */
    public RunFiles {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(page, "page");
    }

    /**
     * @param report the report
     * @return the report with its journal and page beside it: {@code run.json}, {@code run.turns.jsonl},
     *         {@code run.html}
     */
    public static RunFiles beside(Path report) {
        String stem = stem(report);
        return new RunFiles(report, report.resolveSibling(stem + JOURNAL_SUFFIX),
                report.resolveSibling(stem + ".html"));
    }

    /**
     * The files of a run resumed from its journal: the report beside the journal ({@code run.turns.jsonl} →
     * {@code run.json}; another {@code .jsonl} or {@code .json} name loses that extension).
     *
     * @param journal the journal
     * @return the files
     */
    public static RunFiles ofJournal(Path journal) {
        String name = journal.getFileName().toString();
        String stem = name.endsWith(JOURNAL_SUFFIX) ? name.substring(0, name.length() - JOURNAL_SUFFIX.length())
                : name.replaceFirst("\\.jsonl?$", "");
        return beside(journal.resolveSibling(stem + ".json")).withJournal(journal);
    }

    /**
     * The seed's report name when none is given: {@code benchmarks/long_session_<kv type>_<epoch seconds>.json}, the
     * KV type made {@linkplain StudyFiles#fileSafe file-safe}.
     *
     * @param kvType  the run's KV cache type label
     * @param started when the run starts
     * @return the report's path, relative to the working directory
     */
    public static Path defaultReport(String kvType, Instant started) {
        return Path.of(DEFAULT_FOLDER, "long_session_" + StudyFiles.fileSafe(kvType) + "_" + started.getEpochSecond()
                + ".json");
    }

    /**
     * @param journal the journal of its turns, or null for none
     * @return these files with that journal
     */
    public RunFiles withJournal(Path journal) {
        return new RunFiles(report, journal, page);
    }

    /**
     * Whether the report holds what a finished command wrote: it exists and is not the report of an interrupted run
     * (which resuming, or running again, supersedes). A file that is not a report counts as finished: it is not
     * this run's to replace.
     *
     * @return whether replacing the report would lose a finished result
     */
    public boolean reportIsFinished() {
        if (!Files.exists(report)) {
            return false;
        }
        try {
            String stopped = ReportCodec.read(report).config().stoppedEarly().orElse(null);
            return stopped == null || !stopped.startsWith("interrupted");
        } catch (RuntimeException notAReport) {
            return true;
        }
    }

    /** {@code run.json} → {@code run}; a name without {@code .json} stays whole. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
