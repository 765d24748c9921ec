package dev.longhaul.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.testing.ScriptedBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    @TempDir
    Path dir;

    /** A backend that dies (as a process would) on a given turn, after answering the ones before it. */
    private static final class DyingBackend implements Backend {
        private final ScriptedBackend delegate = ScriptedBackend.healthy();
        private final int dieOn;
        private int calls;

        DyingBackend(int dieOn) {
            this.dieOn = dieOn;
        }

        @Override
        public ChatResponse chat(ChatRequest request) throws dev.longhaul.backend.BackendException {
            if (++calls == dieOn) {
                throw new Error("process killed");
            }
            return delegate.chat(request);
        }

        @Override
        public BackendInfo info() {
            return delegate.info();
        }
    }

    private SessionBuilder session(Backend backend) {
        return LongSession.builder().backend(backend, "scripted").turns(8).historyWindow(3).delay(Duration.ZERO)
                .saveResponses(true);
    }

    @Test
    void journalsEveryTurnAsItHappens() throws Exception {
        Path file = dir.resolve("run.turns.jsonl");
        session(new ScriptedBackend(Set.of(3), Integer.MAX_VALUE, null)).checkpoint(file).run();

        List<String> lines = Files.readAllLines(file);
        assertEquals(9, lines.size());
        assertTrue(lines.get(0).startsWith("{\"type\":\"start\",\"version\":1,"));
        assertTrue(lines.get(1).startsWith("{\"type\":\"turn\",\"turn\":1,"));
        assertTrue(lines.get(3).startsWith("{\"type\":\"failed\",\"turn\":3,"));
    }

    @Test
    void resumesAfterACrashToTheReportAnUninterruptedRunWrites() throws Exception {
        SessionReport uninterrupted = session(ScriptedBackend.healthy()).run();

        Path file = dir.resolve("run.turns.jsonl");
        assertThrows(Error.class, () -> session(new DyingBackend(5)).checkpoint(file).run());
        assertEquals(5, Files.readAllLines(file).size(), "start line + the 4 turns answered before the crash");

        ScriptedBackend takeover = ScriptedBackend.healthy().continuingAfter(4);
        SessionReport resumed = LongSession.builder().resume(file).backend(takeover, "scripted").run();

        assertEquals(4, takeover.requests().size(), "turns 1-4 are never asked again");
        assertEquals(uninterrupted.turnMetrics(), resumed.turnMetrics());
        assertEquals(uninterrupted.responses(), resumed.responses());
        assertEquals(uninterrupted.summary(), resumed.summary());
        // the history was restored: turn 5 saw turns 2-4 (window 3) before its prompt
        assertEquals(7, takeover.requests().get(0).messages().size());
        assertEquals(9, Files.readAllLines(file).size());
    }

    @Test
    void dropsATornLastLine() throws Exception {
        Path file = dir.resolve("torn.jsonl");
        assertThrows(Error.class, () -> session(new DyingBackend(4)).checkpoint(file).run());
        Files.writeString(file, "{\"type\":\"turn\",\"turn\":4,\"pha", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ScriptedBackend takeover = ScriptedBackend.healthy().continuingAfter(3);
        SessionReport resumed = LongSession.builder().resume(file).backend(takeover, "scripted").run();
        assertEquals(8, resumed.turnMetrics().size());
        assertEquals(5, takeover.requests().size());
        List<String> lines = Files.readAllLines(file);
        assertEquals(9, lines.size());
        lines.forEach(l -> assertTrue(l.endsWith("}"), l));
    }

    @Test
    void restoresSettingsAndBackendConfigFromTheFile() throws Exception {
        Path file = dir.resolve("cfg.jsonl");
        LongSession.builder().backend("scripted", c -> c.kvType("q4_0").seed(7L)).turns(3).historyWindow(1)
                .delay(Duration.ZERO).checkpoint(file).run();
        // drop the last turn, as if the run had been killed before it
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 3));

        SessionReport resumed = LongSession.builder().resume(file).run();
        assertEquals("q4_0", resumed.config().kvType());
        assertEquals(3, resumed.turnMetrics().size());
        assertEquals(1, resumed.config().historyWindow());
        assertEquals(7L, ((Number) resumed.config().extra().get("seed")).longValue());
    }

    @Test
    void aResumedRunSlidesItsHistoryAsTheInterruptedOneDid() throws Exception {
        Path file = dir.resolve("slide.jsonl");
        assertThrows(Error.class, () -> session(new DyingBackend(7)).historySlide(2).checkpoint(file).run());

        ScriptedBackend takeover = ScriptedBackend.healthy().continuingAfter(6);
        SessionReport resumed = LongSession.builder().resume(file).backend(takeover, "scripted").run();
        assertEquals(8, resumed.turnMetrics().size());
        assertEquals(2, resumed.config().extra().get("history_slide"));
        // window 3, slide 2: turns 1-6 saw 0, 1, 2, 3, 2, 3 turns; after turn 6 the history drops to 2, so turns
        // 7 and 8 see 2 and 3
        assertEquals(List.of(2, 3), takeover.requests().stream().map(r -> (r.messages().size() - 1) / 2).toList());
    }

    @Test
    void badCheckpointsGiveOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        assertEquals("checkpoint " + missing + ": file not found",
                assertThrows(IllegalArgumentException.class, () -> LongSession.builder().resume(missing)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertEquals("checkpoint " + empty + ": file is empty",
                assertThrows(IllegalArgumentException.class, () -> LongSession.builder().resume(empty)).getMessage());
        Path report = Files.writeString(dir.resolve("report.json"), "{\"config\":{}}\n");
        assertEquals("checkpoint " + report + ": not a longhaul checkpoint (no start line)",
                assertThrows(IllegalArgumentException.class, () -> LongSession.builder().resume(report)).getMessage());
        Path future = Files.writeString(dir.resolve("future.jsonl"), "{\"type\":\"start\",\"version\":99}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LongSession.builder().resume(future))
                .getMessage().contains("version 99 is newer"));
    }
}
