package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study journalled in a directory: interrupted, it keeps the finished runs' reports and every run's journal, and
 * resumed, it plays only what is missing and ends with the reports and comparisons of an uninterrupted study.
 */
class StudyDirectoryTest {

    private static final int TURNS = 6;

    @TempDir
    Path dir;

    /** Every request each arm was asked, by arm label. */
    private final Map<String, List<ChatRequest>> asked = Collections.synchronizedMap(new java.util.HashMap<>());

    /**
     * Answers as a greedy model would: a function of the conversation and the arm alone, so a resumed run gets the
     * same answers. Arm {@code q4_0} loses its code blocks once the conversation is long. The n-th request of a
     * backend whose {@code interruptAt} is n is cut short by an interrupt, as Ctrl-C cuts a request.
     */
    private final class Greedy implements Backend {
        private final String label;
        private final int interruptAt;
        private final AtomicInteger requests = new AtomicInteger();

        Greedy(String label, int interruptAt) {
            this.label = label;
            this.interruptAt = interruptAt;
        }

        @Override
        public ChatResponse chat(ChatRequest request) throws BackendException {
            if (requests.incrementAndGet() == interruptAt) {
                Thread.currentThread().interrupt();
                throw new BackendException(BackendException.Kind.INTERRUPTED, "interrupted");
            }
            asked.computeIfAbsent(label, k -> Collections.synchronizedList(new ArrayList<>())).add(request);
            int context = request.messages().stream().mapToInt(m -> m.content().length()).sum();
            String prompt = request.last().content();
            boolean degraded = label.equals("q4_0") && request.messages().size() > 4;
            String answer = "## " + prompt + "\n1. context " + context + "\n2. turn of " + request.messages().size()
                    + (degraded ? "" : "\n```python\ndef f():\n    return " + context % 97 + "\n```");
            return new ChatResponse(answer, "stop", new GenerationStats(context / 4, null, answer.length() / 4,
                    Duration.ofMillis(5), null, null), Map.of());
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo("greedy", "greedy-model", null, null, Map.of());
        }

        @Override
        public void close() {
        }
    }

    private AbExperiment.Builder study(boolean shared, Map<String, Integer> interruptAt) {
        AbExperiment.Builder b = AbExperiment.builder().sharedHistory(shared)
                .session(s -> s.turns(TURNS).historyWindow(3).delay(Duration.ZERO).saveResponses(true));
        for (String label : List.of("f16", "q8_0", "q4_0")) {
            b.arm(label, seed -> new Greedy(label, interruptAt.getOrDefault(label, -1)));
        }
        return b;
    }

    @Test
    void anInterruptedIndependentStudyResumesToTheUninterruptedResultWithoutAskingAFinishedTurnAgain()
            throws Exception {
        ExperimentResult uninterrupted = study(false, Map.of()).run();
        asked.clear();

        Path studyDir = dir.resolve("study");
        ExperimentInterruptedException stopped = assertThrows(ExperimentInterruptedException.class,
                () -> study(false, Map.of("q8_0", 4)).journal(StudyDirectory.create(studyDir)).run());

        assertEquals("interrupted during turn 4 of q8_0", stopped.getMessage());
        assertTrue(Files.exists(studyDir.resolve("f16.json")), "the finished arm's report");
        assertFalse(Files.exists(studyDir.resolve("q8_0.json")), "no report of the run cut short");
        assertEquals(1 + 3, Files.readAllLines(studyDir.resolve("q8_0.turns.jsonl")).size(), "start + 3 turns");
        assertFalse(Files.exists(studyDir.resolve("q4_0.turns.jsonl")), "the third arm never started");
        assertEquals(List.of(), stopped.finished().comparisons(), "nothing complete to compare yet");
        assertEquals(1, stopped.finished().reports("f16").size());
        asked.clear();

        ExperimentResult resumed = study(false, Map.of()).journal(StudyDirectory.resume(studyDir)).run();

        assertSameStudy(uninterrupted, resumed);
        assertFalse(asked.containsKey("f16"), "the finished arm is not played again");
        assertEquals(TURNS - 3, asked.get("q8_0").size(), "the arm in flight asks only its unjournalled turns");
        assertEquals(TURNS, asked.get("q4_0").size());
        for (String label : List.of("f16", "q8_0", "q4_0")) {
            assertEquals(turns(uninterrupted.reports(label).get(0)),
                    turns(ReportCodec.read(studyDir.resolve(label + ".json"))), label + ".json");
        }
        assertTrue(Files.readString(studyDir.resolve("study.json")).contains("\"complete\" : true"));
    }

    @Test
    void anInterruptedSharedHistoryStudyResumesInLockstepFromTheBaselinesJournal() throws Exception {
        ExperimentResult uninterrupted = study(true, Map.of()).run();
        asked.clear();

        Path studyDir = dir.resolve("shared");
        // the baseline has answered turn 4 and q8_0 too; q4_0's answer to turn 4 is cut short
        assertThrows(ExperimentInterruptedException.class,
                () -> study(true, Map.of("q4_0", 4)).journal(StudyDirectory.create(studyDir)).run());
        assertEquals(1 + 4, Files.readAllLines(studyDir.resolve("f16.turns.jsonl")).size());
        assertEquals(1 + 4, Files.readAllLines(studyDir.resolve("q8_0.turns.jsonl")).size());
        assertEquals(1 + 3, Files.readAllLines(studyDir.resolve("q4_0.turns.jsonl")).size());
        assertFalse(Files.exists(studyDir.resolve("f16.json")), "no run of the repeat finished");
        asked.clear();

        ExperimentResult resumed = study(true, Map.of()).journal(StudyDirectory.resume(studyDir)).run();

        assertSameStudy(uninterrupted, resumed);
        assertEquals(TURNS - 4, asked.get("f16").size(), "the baseline's journalled turns are not asked again");
        assertEquals(TURNS - 4, asked.get("q8_0").size());
        assertEquals(TURNS - 3, asked.get("q4_0").size(), "q4_0 answers turn 4 from the baseline's journal");
        assertEquals(uninterrupted.reports("q4_0").get(0).responses().get(3), resumed.reports("q4_0").get(0)
                .responses().get(3), "turn 4 answered the conversation the baseline had");
    }

    @Test
    void labelsWhoseFilesCollideAreRefusedBeforeTheFirstRequest() {
        for (List<String> labels : List.of(List.of("a/b", "a_b"), List.of("f16", "comparison"), List.of("F16", "f16"),
                List.of("f16", "study"))) {
            AbExperiment.Builder b = AbExperiment.builder().session(s -> s.turns(2).delay(Duration.ZERO));
            labels.forEach(label -> b.arm(label, seed -> new Greedy(label, -1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.journal(StudyDirectory.create(dir.resolve("names"))).run(), labels.toString());
            assertTrue(e.getMessage().contains("would both write"), e.getMessage());
            assertTrue(asked.isEmpty(), labels + ": nothing asked");
        }
    }

    @Test
    void aNewStudyRefusesAnUnfinishedOneAndReplacesAFinishedOneOnlyWhenAsked() throws Exception {
        Path studyDir = dir.resolve("again");
        assertThrows(ExperimentInterruptedException.class,
                () -> study(false, Map.of("q8_0", 2)).journal(StudyDirectory.create(studyDir)).run());
        asked.clear();

        StudyConflictException unfinished = assertThrows(StudyConflictException.class,
                () -> study(false, Map.of()).journal(StudyDirectory.create(studyDir).overwriting(true)).run());
        assertEquals(StudyConflictException.Reason.UNFINISHED_STUDY, unfinished.reason());
        assertTrue(asked.isEmpty());

        study(false, Map.of()).journal(StudyDirectory.resume(studyDir)).run();
        String before = Files.readString(studyDir.resolve("f16.json"));
        StudyConflictException finished = assertThrows(StudyConflictException.class,
                () -> study(false, Map.of()).journal(StudyDirectory.create(studyDir)).run());
        assertEquals(StudyConflictException.Reason.FINISHED_REPORT, finished.reason());
        assertEquals(studyDir.resolve("f16.json") + " holds a report of an earlier study; overwrite it or choose "
                + "another directory", finished.getMessage());
        assertEquals(before, Files.readString(studyDir.resolve("f16.json")));

        asked.clear();
        study(false, Map.of()).journal(StudyDirectory.create(studyDir).overwriting(true)).run();
        assertEquals(TURNS, asked.get("f16").size(), "overwriting plays the study anew");
    }

    @Test
    void aResumeWithAnotherSettingIsRefusedInOneLine() {
        Path studyDir = dir.resolve("settings");
        assertThrows(ExperimentInterruptedException.class, () -> study(false, Map.of("f16", 2))
                .journal(StudyDirectory.create(studyDir).withSettings(Map.of("turns", 6))).run());

        StudyConflictException seed = assertThrows(StudyConflictException.class, () -> study(false, Map.of()).seed(7)
                .journal(StudyDirectory.resume(studyDir).withSettings(Map.of("turns", 6))).run());
        assertEquals("study " + studyDir + " was started with seed 42, not 7; a resumed study keeps its settings",
                seed.getMessage());
        StudyConflictException turns = assertThrows(StudyConflictException.class, () -> study(false, Map.of())
                .journal(StudyDirectory.resume(studyDir).withSettings(Map.of("turns", 8))).run());
        assertEquals(StudyConflictException.Reason.SETTINGS_CHANGED, turns.reason());
        assertTrue(turns.getMessage().contains("turns 6, not 8"), turns.getMessage());
        assertEquals(Map.of("turns", 6), StudyDirectory.recordedSettings(studyDir));
        assertThrows(StudyConflictException.class, () -> study(false, Map.of())
                .journal(StudyDirectory.resume(dir.resolve("nothing-here"))).run());
    }

    @Test
    void anUnwritableDirectoryIsFoundBeforeTheFirstRequest() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IllegalArgumentException notDir = assertThrows(IllegalArgumentException.class,
                () -> study(false, Map.of()).journal(StudyDirectory.create(file)).run());
        assertEquals("output directory " + file + " is a file, not a directory", notDir.getMessage());
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> study(false, Map.of()).journal(StudyDirectory.create(file.resolve("sub"))).run());
        assertTrue(under.getMessage().startsWith("output directory " + file.resolve("sub") + " cannot be created ("),
                under.getMessage());
        Path sys = Path.of("/sys"); // a directory even root cannot write to (permissions do not stop root)
        if (Files.isDirectory(sys)) {
            IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                    () -> study(false, Map.of()).journal(StudyDirectory.create(sys)).run());
            assertTrue(readOnly.getMessage().startsWith("output directory /sys is not writable ("),
                    readOnly.getMessage());
        }
        assertTrue(asked.isEmpty(), "nothing asked");
    }

    private static void assertSameStudy(ExperimentResult expected, ExperimentResult actual) {
        for (String label : expected.labels()) {
            assertEquals(turns(expected.reports(label).get(0)), turns(actual.reports(label).get(0)), label);
            assertEquals(expected.reports(label).get(0).responses(), actual.reports(label).get(0).responses(), label);
            assertEquals(expected.reports(label).get(0).summary(), actual.reports(label).get(0).summary(), label);
        }
        assertEquals(expected.comparisons().size(), actual.comparisons().size());
        for (int i = 0; i < expected.comparisons().size(); i++) {
            assertEquals(expected.comparisons().get(i).quality(), actual.comparisons().get(i).quality());
            assertEquals(expected.comparisons().get(i).seed(), actual.comparisons().get(i).seed());
        }
    }

    /** The turns' measured values, numbers as doubles (a journal gives an Integer back for a Long). */
    private static List<Map<String, Object>> turns(SessionReport report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TurnMetrics m : report.turnMetrics()) {
            Map<String, Object> values = new java.util.TreeMap<>();
            m.values().forEach((k, v) -> {
                if (!k.equals("elapsed_s") && !k.equals("tokens_per_s")) {
                    values.put(k, v instanceof Number n ? (Object) n.doubleValue() : v);
                }
            });
            values.put("turn", m.turn());
            out.add(values);
        }
        return out;
    }
}
