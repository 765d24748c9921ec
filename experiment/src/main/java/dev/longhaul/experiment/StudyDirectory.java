package dev.longhaul.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.files.AtomicFile;
import dev.longhaul.files.FileProblem;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.JournalState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory an experiment journals in, so that nothing it measured is lost and an interrupted study can be
 * continued ({@link AbExperiment.Builder#journal(StudyDirectory)}):
 * <ul>
 *   <li>before the first request: the directory is created and checked writable by writing the study's journal
 *       {@value StudyFiles#STUDY} (its arms, sampling seed, repeats, design and the caller's settings), and every run's file
 *       names are checked for collisions ({@link StudyFiles});</li>
 *   <li>every run journals its turns to {@code <stem>.turns.jsonl} as it plays them (synced per turn, as
 *       {@code run} does), and its report is written to {@code <stem>.json} when it has ended — played every turn,
 *       or stopped after too many failed turns in a row — never for a run cut short by an interrupt;</li>
 *   <li>{@link #resume(Path)} continues the study: a run with a report is not played again, a run with a journal
 *       resumes from it (in shared-history mode turn by turn: the baseline's journalled turns give the arms their
 *       conversation), a changed setting is refused.</li>
 * </ul>
 * A new study refuses a directory holding an unfinished study or a journal of a run without report, and replaces
 * the reports of a finished study only when {@link #overwriting(boolean)} says so.
 */
public final class StudyDirectory {

    /** The version of {@value StudyFiles#STUDY} written, and the highest one read. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudyFiles files;
    private final boolean resume;
    private final boolean overwrite;
    private final Map<String, Object> settings;
    private final boolean strictJson;

    private StudyDirectory(Path dir, boolean resume, boolean overwrite, Map<String, Object> settings,
                           boolean strictJson) {
        this.files = new StudyFiles(Objects.requireNonNull(dir, "dir"));
        this.resume = resume;
        this.overwrite = overwrite;
        this.settings = Map.copyOf(settings);
        this.strictJson = strictJson;
    }

    /**
     * @param dir the directory of a new study (created if missing)
     * @return the directory, for a new study
     */
    public static StudyDirectory create(Path dir) {
        return new StudyDirectory(dir, false, false, Map.of(), false);
    }

    /**
     * @param dir the directory of an interrupted study
     * @return the directory, to continue the study it holds
     */
    public static StudyDirectory resume(Path dir) {
        return new StudyDirectory(dir, true, false, Map.of(), false);
    }

    /**
     * @param overwrite whether a new study may replace the reports (and journals) of a finished earlier study in
     *                  the directory (default false); never a journal of an unfinished run
     * @return this directory with that choice
     */
    public StudyDirectory overwriting(boolean overwrite) {
        return new StudyDirectory(files.dir(), resume, overwrite, settings, strictJson);
    }

    /**
     * @param strictJson whether reports are written as strict JSON, with null where Python writes NaN (default false:
     *                   the seed's format)
     * @return this directory with that choice
     */
    public StudyDirectory strictJson(boolean strictJson) {
        return new StudyDirectory(files.dir(), resume, overwrite, settings, strictJson);
    }

    /**
     * @param settings the caller's settings of the study (JSON values), recorded in {@value StudyFiles#STUDY};
     *                 resuming with other values is refused
     * @return this directory with them
     */
    public StudyDirectory withSettings(Map<String, Object> settings) {
        return new StudyDirectory(files.dir(), resume, overwrite, settings, strictJson);
    }

    /**
     * The caller's settings recorded by the study in a directory, e.g. to rebuild its command line on resume.
     *
     * @param dir a study's directory
     * @return the settings given to {@link #withSettings} when the study began
     * @throws StudyConflictException ({@link StudyConflictException.Reason#NO_STUDY}) when the directory holds no study
     */
    public static Map<String, Object> recordedSettings(Path dir) {
        JsonNode settings = read(new StudyFiles(dir)).path("settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(settings, LinkedHashMap.class);
        return map == null ? Map.of() : map;
    }

    /** @return whether this continues an earlier study */
    public boolean resuming() {
        return resume;
    }

    /** @return whether reports and the comparison are written as strict JSON, with null where Python writes NaN */
    public boolean writesStrictJson() {
        return strictJson;
    }

    /** @return where the study's files are */
    public StudyFiles files() {
        return files;
    }

    // ---- used by the experiment ----

    /** Checks the directory and the runs' names, then begins or checks the study's journal. */
    void open(List<ArmRun> runs, Map<String, Object> design) {
        StudyFiles.checkNames(runs);
        Path dir = files.dir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory " + dir + " is a file, not a directory");
        }
        ObjectNode journal = journal(design, false);
        if (resume) {
            checkSameSettings(read(files), journal);
            return;
        }
        refuseToReplace(runs);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("output directory " + dir + " cannot be created ("
                    + describe(e) + ")", e);
        }
        write(journal, "is not writable");
        try {
            for (ArmRun run : runs) { // overwriting: the earlier study's files must not pass for this one's
                Files.deleteIfExists(files.report(run));
                Files.deleteIfExists(files.journal(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("output directory " + dir + ": an earlier report cannot be removed ("
                    + describe(e) + ")", e);
        }
    }

    /** @return whether an earlier session of this study saved the run's report: it ended and is not played again */
    boolean finished(ArmRun run) {
        return resume && Files.isRegularFile(files.report(run));
    }

    /** @return the report the run wrote in an earlier session of this study */
    SessionReport report(ArmRun run) {
        return ReportCodec.read(files.report(run));
    }

    /**
     * Whether a resumed study saves its runs' responses, as the first of its runs' journals from an earlier session
     * says (its start line's settings): every run of a study is alike, also when a study begun by an older version
     * with another default is resumed. Empty for a new study, or one no run of which has journalled yet (then
     * nothing was played that could differ).
     *
     * @param runs the study's runs, in order
     * @return whether they save their responses, when the study's journals say
     */
    Optional<Boolean> journalledSaveResponses(List<ArmRun> runs) {
        if (!resume) {
            return Optional.empty();
        }
        return runs.stream().map(run -> JournalState.of(files.journal(run))).flatMap(Optional::stream).findFirst()
                .map(JournalState::savesResponses);
    }

    /** @return whether the run journalled turns in an earlier session of this study */
    boolean journalled(ArmRun run) {
        return resume && Files.isRegularFile(files.journal(run));
    }

    /** Saves the report of a run that ended: it played every turn or stopped for failed turns, not for an interrupt. */
    Path save(ArmRun run, SessionReport report) {
        Path file = files.report(run);
        try {
            ReportCodec.write(report, file, strictJson);
        } catch (IOException e) {
            throw new UncheckedIOException("report " + file + ": cannot be written (" + describe(e) + ")", e);
        }
        return file;
    }

    /** Marks the study complete: every run has its report. */
    void complete(Map<String, Object> design) {
        write(journal(design, true), "cannot be written");
    }

    private void refuseToReplace(List<ArmRun> runs) {
        if (Files.isRegularFile(files.study()) && !read(files).path("complete").asBoolean()) {
            throw new StudyConflictException(StudyConflictException.Reason.UNFINISHED_STUDY, "output directory "
                    + files.dir() + " holds an unfinished study (" + StudyFiles.STUDY + "); resume it or choose "
                    + "another directory");
        }
        for (ArmRun run : runs) {
            boolean reported = Files.exists(files.report(run));
            if (!reported && Files.exists(files.journal(run))) {
                throw new StudyConflictException(StudyConflictException.Reason.UNFINISHED_RUN, files.journal(run)
                        + " journals a run that did not finish; resume it or choose another directory");
            }
            if (reported && !overwrite) {
                throw new StudyConflictException(StudyConflictException.Reason.FINISHED_REPORT, files.report(run)
                        + " holds a report of an earlier study; overwrite it or choose another directory");
            }
        }
    }

    private ObjectNode journal(Map<String, Object> design, boolean complete) {
        ObjectNode node = JSON.createObjectNode().put("longhaul_study", VERSION);
        node.setAll((ObjectNode) JSON.valueToTree(design));
        node.set("settings", JSON.valueToTree(settings));
        node.put("complete", complete);
        return node;
    }

    /** One line naming the first setting whose value differs from the recorded one. */
    private void checkSameSettings(JsonNode recorded, ObjectNode now) {
        for (Iterator<String> keys = now.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("complete")) {
                continue;
            }
            if (key.equals("settings")) {
                for (Iterator<String> s = now.get(key).fieldNames(); s.hasNext(); ) {
                    String name = s.next();
                    same(name, recorded.path(key).path(name), now.get(key).get(name));
                }
                continue;
            }
            same(key, recorded.path(key), now.get(key));
        }
    }

    private void same(String key, JsonNode recorded, JsonNode now) {
        if (!recorded.toString().equals(now.toString())) { // as text: 42 read back is an int, given a long
            throw new StudyConflictException(StudyConflictException.Reason.SETTINGS_CHANGED, "study " + files.dir()
                    + " was started with " + key + " " + shown(recorded) + ", not " + shown(now)
                    + "; a resumed study keeps its settings");
        }
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "(none)" : value.toString();
    }

    private static JsonNode read(StudyFiles files) {
        Path file = files.study();
        if (!Files.isRegularFile(file)) {
            throw new StudyConflictException(StudyConflictException.Reason.NO_STUDY, files.dir()
                    + ": no study to resume (no " + StudyFiles.STUDY + ")");
        }
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a study journal (" + describe(e) + ")", e);
        }
        if (node == null || !node.isObject() || !node.has("longhaul_study")) {
            throw new IllegalArgumentException(file + ": not a study journal (no \"longhaul_study\" key)");
        }
        if (node.get("longhaul_study").asInt() > VERSION) {
            throw new IllegalArgumentException(file + ": study journal version " + node.get("longhaul_study")
                    + " is newer than this longhaul reads (" + VERSION + ")");
        }
        return node;
    }

    private void write(ObjectNode journal, String problem) {
        Path file = files.study();
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(journal) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("output directory " + files.dir() + " " + problem + " ("
                    + describe(e) + ")", e);
        }
    }

    private static String describe(IOException e) {
        return FileProblem.of(e);
    }
}
