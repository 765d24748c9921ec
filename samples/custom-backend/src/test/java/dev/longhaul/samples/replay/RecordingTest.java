package dev.longhaul.samples.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {

    @TempDir
    Path dir;

    @Test
    void answersEachPromptWithItsRecordedAnswerAndFigures() throws Exception {
        Path file = Files.writeString(dir.resolve("turns.jsonl"),
                "{\"turn\": 1, \"phase\": \"a\", \"prompt\": \"Write a stack.\", \"response\": \"class Stack: pass\","
                        + " \"elapsed_s\": 2.5, \"tokens_generated\": 7, \"finish_reason\": \"length\"}\n"
                        + "\n{\"turn\": 2, \"phase\": \"a\", \"prompt\": \"Add tests.\", \"response\": \"def test(): pass\"}\n");
        ReplayBackend backend = new ReplayBackend(Recording.load(file), null);

        ChatResponse second = backend.chat(new ChatRequest(List.of(ChatMessage.user("Add tests."))));
        ChatResponse first = backend.chat(new ChatRequest(List.of(ChatMessage.user("Write a stack."))));

        assertEquals("def test(): pass", second.content());
        assertEquals(Duration.ZERO, second.stats().elapsed());
        assertEquals("class Stack: pass", first.content());
        assertEquals(Duration.ofMillis(2500), first.stats().elapsed());
        assertEquals(7, first.stats().completionTokens());
        assertEquals("length", first.finishReason());
        assertEquals(2, backend.info().facts().get("recorded_answers"));
    }

    @Test
    void aPromptRecordedTwiceIsAnsweredInRecordedOrderThenFails() throws Exception {
        Path file = Files.writeString(dir.resolve("twice.jsonl"), "{\"prompt\": \"Again.\", \"response\": \"one\"}\n"
                + "{\"prompt\": \"Again.\", \"response\": \"two\"}\n");
        ReplayBackend backend = new ReplayBackend(Recording.load(file), null);
        ChatRequest again = new ChatRequest(List.of(ChatMessage.user("Again.")));

        assertEquals("one", backend.chat(again).content());
        assertEquals("two", backend.chat(again).content());
        BackendException third = assertThrows(BackendException.class, () -> backend.chat(again));
        assertEquals(BackendException.Kind.CONFIGURATION, third.kind());
        assertEquals("replay recording " + file + " holds no (further) answer to the prompt 'Again.'", third.getMessage());
    }

    @Test
    void readsACheckpointJournalSkippingItsStartLineFailedTurnsAndATornLastLine() throws Exception {
        Path file = Files.writeString(dir.resolve("run.turns.jsonl"),
                "{\"type\":\"start\",\"version\":1,\"settings\":{}}\n"
                        + "{\"type\":\"turn\",\"turn\":1,\"phase\":\"p\",\"prompt\":\"Q1\",\"response\":\"A1\","
                        + "\"metrics\":{\"quality_score\":0.5,\"elapsed_s\":3.0,\"tokens_generated\":12,\"ttft_s\":0.25}}\n"
                        + "{\"type\":\"failed\",\"turn\":2,\"phase\":\"p\",\"prompt\":\"Q2\",\"kind\":\"timeout\"}\n"
                        + "{\"type\":\"turn\",\"turn\":3,\"phase\":\"p\",\"prompt\":\"Q3\",\"resp");
        Recording recording = Recording.load(file);

        assertEquals(1, recording.size());
        RecordedAnswer a1 = recording.next("Q1").orElseThrow();
        assertEquals("A1", a1.response());
        assertEquals(Duration.ofSeconds(3), a1.stats().elapsed());
        assertEquals(Duration.ofMillis(250), a1.stats().timeToFirstToken());
        assertEquals(12, a1.stats().completionTokens());
        assertTrue(recording.next("Q2").isEmpty());
    }

    @Test
    void badRecordingsAreOneLineNamingTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        assertEquals("replay recording " + missing + ": file not found", problem(missing));

        Path garbled = Files.writeString(dir.resolve("garbled.jsonl"), "{\"prompt\": \"Q\", \"response\": \"A\"}\n{oops\n");
        assertEquals("replay recording " + garbled + ":2: not valid JSON", problem(garbled));

        Path array = Files.writeString(dir.resolve("array.jsonl"), "[1, 2]\n");
        assertEquals("replay recording " + array + ":1: expected a JSON object", problem(array));

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertTrue(problem(empty).startsWith("replay recording " + empty + ": holds no answers"), problem(empty));
    }

    private static String problem(Path file) {
        BackendException e = assertThrows(BackendException.class, () -> Recording.load(file));
        assertEquals(BackendException.Kind.CONFIGURATION, e.kind());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }
}
