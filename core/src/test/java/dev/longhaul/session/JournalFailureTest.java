package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.report.SessionReport;
import dev.longhaul.testing.ScriptedBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal that stops taking lines in the middle of a run (a full disk) loses no turn the run measured. */
class JournalFailureTest {

    @TempDir
    Path dir;

    @Test
    void aJournalThatCannotBeWrittenStopsTheRunWithEveryTurnItMeasured() throws Exception {
        Path journal = dir.resolve("run.turns.jsonl");
        AtomicReference<Checkpoint> opened = new AtomicReference<>();
        CheckpointOpener closedAfterTurnTwo = new CheckpointOpener() {
            @Override
            public Checkpoint create(Path file, ObjectNode start) throws IOException {
                opened.set(Checkpoint.create(file, start));
                return opened.get();
            }

            @Override
            public Checkpoint reopen(Path file, long validLength) throws IOException {
                return Checkpoint.reopen(file, validLength);
            }
        };
        SessionReport report = LongSession.builder().backend(ScriptedBackend.healthy(), "scripted").turns(6)
                .delay(Duration.ZERO).checkpoint(journal).checkpointOpener(closedAfterTurnTwo)
                .listener(event -> {
                    if (event.turn() == 2) {
                        opened.get().close(); // every later write fails, as on a full disk
                    }
                })
                .run();

        assertEquals(3, report.turnMetrics().size(), "turn 3 was answered and is kept, though not journalled");
        assertTrue(report.failedTurns().isEmpty(), report.failedTurns().toString());
        String stopped = report.config().stoppedEarly().orElseThrow();
        assertTrue(stopped.startsWith("checkpoint " + journal + ": cannot be written ("), stopped);
        assertTrue(stopped.endsWith("; the run stopped with what it measured"), stopped);
        assertEquals(3, Files.readAllLines(journal).size(), "the start line and turns 1 and 2, nothing after a gap");

        SessionReport resumed = LongSession.builder().resume(journal).backend(ScriptedBackend.healthy(), "scripted")
                .delay(Duration.ZERO).run();
        assertEquals(6, resumed.turnMetrics().size(), "the resumed run plays turn 3 again and the rest");
        assertTrue(resumed.config().stoppedEarly().isEmpty());
    }
}
