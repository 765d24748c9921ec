package dev.longhaul.experiment;

import dev.longhaul.report.RunNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a study keeps its files in its directory. A run's files are named by its stem — the arm's label with every
 * character but letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}, then {@code .noise} for
 * a noise-floor run and {@code .r<N>} with several repeats — so that no label can put a file outside the directory:
 * {@code <stem>.json} (the report), {@code <stem>.turns.jsonl} (its journal), {@code <stem>.server.log} (a managed
 * server's log). Beside them: {@value #COMPARISON}, {@value #PAGE} and the study's own journal {@value #STUDY}.
 *
 * @param dir the study's directory
 */
public record StudyFiles(Path dir) {

    /** The comparison of every arm with the baseline. */
    public static final String COMPARISON = "comparison.json";
    /** The HTML page of every run. */
    public static final String PAGE = "report.html";
    /** The study's journal: its arms and settings, and whether it is complete. */
    public static final String STUDY = "study.json";

    /**
     * @param dir the study's directory
     */
    public StudyFiles {
        Objects.requireNonNull(dir, "dir");
    }

    /**
     * @param run a run
     * @return its file name without extension: {@code q8_0}, {@code q8_0.r2}, {@code f16.noise}, {@code a_b}
     */
    public static String stem(ArmRun run) {
        String base = fileSafe(run.label()) + (run.noiseFloor() ? ".noise" : "");
        return run.repeats() == 1 ? base : RunNames.repeatFile(base, run.repeat());
    }

    /**
     * @param label a label, e.g. a KV cache type
     * @return it with every character but letters, digits, {@code .}, {@code _} and {@code -} replaced by
     *         {@code _}: a file name that stays in its directory ({@code a/../x} → {@code a_.._x})
     */
    public static String fileSafe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param run a run
     * @return its report
     */
    public Path report(ArmRun run) {
        return dir.resolve(stem(run) + ".json");
    }

    /**
     * @param run a run
     * @return the journal of its turns
     */
    public Path journal(ArmRun run) {
        return dir.resolve(stem(run) + RunFiles.JOURNAL_SUFFIX);
    }

    /**
     * @param run a run
     * @return the log of the server started for it
     */
    public Path serverLog(ArmRun run) {
        return dir.resolve(stem(run) + ".server.log");
    }

    /** @return the comparison file */
    public Path comparison() {
        return dir.resolve(COMPARISON);
    }

    /** @return the HTML page */
    public Path page() {
        return dir.resolve(PAGE);
    }

    /** @return the study's journal */
    public Path study() {
        return dir.resolve(STUDY);
    }

    /**
     * Checks that no two runs share a file and that no run's file is one of the study's own, also on a file system
     * that ignores case.
     *
     * @param runs every run of the study
     * @throws IllegalArgumentException naming both labels, or the label and the study's file
     */
    static void checkNames(List<ArmRun> runs) {
        Map<String, String> owners = new HashMap<>();
        for (String own : List.of(COMPARISON, PAGE, STUDY)) {
            owners.put(own.toLowerCase(Locale.ROOT), "the study's own " + own);
        }
        for (ArmRun run : runs) {
            String who = "arm '" + run.label() + "'" + (run.noiseFloor() ? " (noise floor)" : "");
            for (String name : List.of(stem(run) + ".json", stem(run) + RunFiles.JOURNAL_SUFFIX,
                    stem(run) + ".server.log")) {
                String other = owners.putIfAbsent(name.toLowerCase(Locale.ROOT), who);
                if (other != null && !other.equals(who)) {
                    throw new IllegalArgumentException(who + " and " + other + " would both write " + name
                            + "; give the arms labels that differ in letters or digits");
                }
            }
        }
    }
}
