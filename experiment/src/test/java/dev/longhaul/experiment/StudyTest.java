package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.analysis.Design;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.session.TurnEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {

    @TempDir
    Path dir;

    private StudyPlan plan(StudyDirectory directory, int turns) {
        return StudyPlan.builder(directory)
                .arm(Arm.of("f16", BackendConfig.builder("scripted").kvType("f16").build()))
                .arm(Arm.of("q8_0", BackendConfig.builder("scripted").kvType("q8_0").build()))
                .design(Design.FREE_RUNNING).turns(turns)
                .session(b -> b.delay(Duration.ZERO))
                .build();
    }

    @Test
    void aPlanTheEngineCannotPlayIsRefusedWhenTheStudyIsMadeBeforeAnythingRuns() {
        StudyPlan twice = StudyPlan.builder(StudyDirectory.create(dir.resolve("twice")))
                .arm(Arm.of("f16", BackendConfig.builder("scripted").kvType("f16").build()))
                .arm(Arm.of("f16", BackendConfig.builder("scripted").kvType("f16").build()))
                .session(b -> b.delay(Duration.ZERO)).build();
        assertEquals("arm 'f16' is listed twice",
                assertThrows(IllegalArgumentException.class, () -> new Study(twice)).getMessage());
        StudyPlan parallelShared = StudyPlan.builder(StudyDirectory.create(dir.resolve("parallel")))
                .arm(Arm.of("f16", BackendConfig.builder("scripted").kvType("f16").build()))
                .arm(Arm.of("q8_0", BackendConfig.builder("scripted").kvType("q8_0").build()))
                .design(Design.SHARED_HISTORY).parallel(2)
                .session(b -> b.delay(Duration.ZERO)).build();
        assertThrows(IllegalStateException.class, () -> new Study(parallelShared));
        assertFalse(Files.exists(dir.resolve("twice").resolve(StudyFiles.STUDY)), "a refused plan writes nothing");
    }

    @Test
    void aStudyPlaysItsPlanOnce() throws Exception {
        Study study = new Study(plan(StudyDirectory.create(dir), 2));
        AtomicLong turns = new AtomicLong();
        assertEquals(StudyOutcome.Kind.FINISHED, study.run(new StudyListener() {
            @Override
            public void onTurn(ArmRun run, TurnEvent event) {
                turns.incrementAndGet();
            }
        }).kind());
        assertEquals(4, turns.get());
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> study.run(new StudyListener() { }));
        assertEquals("this study has run already; a Study plays its plan once", again.getMessage());
    }

    @Test
    void aStudyWritesItsReportsAndTheComparisonAfterItsListenerHeardIt() throws Exception {
        List<String> heard = new ArrayList<>();
        StudyOutcome outcome = new Study(plan(StudyDirectory.create(dir), 3)).run(new StudyListener() {
            @Override
            public void onRunSaved(ArmRun run, Path file) {
                heard.add("saved " + file.getFileName());
            }

            @Override
            public void onComparison(ComparisonDocument document) {
                heard.add("comparison written: " + Files.exists(dir.resolve(StudyFiles.COMPARISON)));
            }
        });

        assertEquals(List.of("saved f16.json", "saved q8_0.json", "comparison written: false"), heard);
        assertEquals(StudyOutcome.Kind.FINISHED, outcome.kind());
        assertNull(outcome.interruption());
        assertEquals(dir.resolve(StudyFiles.COMPARISON), outcome.comparisonFile());
        JsonNode written = new ObjectMapper().readTree(outcome.comparisonFile().toFile());
        assertEquals("[\"f16.json\",\"q8_0.json\"]", written.get("reports").toString());
        assertEquals(List.of("f16.json", "q8_0.json"), outcome.document().reports());
    }

    @Test
    void theClockCountsEveryTurnBeforeTheListenerHearsItAndLeavesOutWhatAResumeRestores() throws Exception {
        assertEquals(StudyOutcome.Kind.FINISHED,
                new Study(plan(StudyDirectory.create(dir), 6)).run(new StudyListener() { }).kind());
        Path journal = dir.resolve("q8_0.turns.jsonl");
        Files.write(journal, Files.readAllLines(journal).subList(0, 2)); // one of its six turns journalled
        Files.delete(dir.resolve("q8_0.json"));

        AtomicLong now = new AtomicLong();
        Study resumed = new Study(plan(StudyDirectory.resume(dir), 6), now::get);
        List<Long> playedWhenHeard = new ArrayList<>();
        StudyOutcome outcome = resumed.run(new StudyListener() {
            @Override
            public void onTurn(ArmRun run, TurnEvent event) {
                now.addAndGet(Duration.ofSeconds(1).toNanos());
                playedWhenHeard.add(resumed.clock().estimate().map(StudyClock.Estimate::played).orElse(-1L));
            }
        });

        assertEquals(StudyOutcome.Kind.FINISHED, outcome.kind());
        assertEquals(5, resumed.clock().turnsToPlay(), "12 turns, less f16's 6 (finished) and q8_0's journalled one");
        // an estimate from the third turn on, counting the turn heard; none after the last
        assertEquals(List.of(-1L, -1L, 3L, 4L, -1L), playedWhenHeard);
        assertFalse(outcome.document().reports().isEmpty());
        assertTrue(Files.isRegularFile(dir.resolve("q8_0.json")));
    }
}
