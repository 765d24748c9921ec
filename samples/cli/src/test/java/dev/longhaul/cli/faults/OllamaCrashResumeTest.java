package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over the {@code ollama} backend that crashed while journalling its 4th turn (the checkpoint ends in a torn
 * line) resumes to the report of the uninterrupted run, asking the deterministic server only for turns 4 to 6.
 */
class OllamaCrashResumeTest {

    private static final int TURNS = 6;

    @TempDir
    Path dir;

    @Test
    void aCheckpointWithATornLastLineResumesToTheUninterruptedReport() throws Exception {
        try (DeterministicChatServer server = DeterministicChatServer.start()) {
            BackendConfig streamed = FaultRun.ollama(server.baseUrl(), true).timeout(Duration.ofSeconds(5)).build();
            FaultRun uninterrupted = FaultRun.play(dir.resolve("whole"), streamed, TURNS).assertNothingLost(TURNS);
            FaultRun unstreamed = FaultRun.play(dir.resolve("unstreamed"), streamed.newBuilder()
                    .option(HttpOptions.STREAM, false).build(), TURNS);
            assertEquals(uninterrupted.report().responses(), unstreamed.report().responses(),
                    "streamed and whole answers of the server are the same");

            Path crashed = dir.resolve("crashed.turns.jsonl");
            String[] lines = Files.readString(uninterrupted.checkpoint()).split("\n");
            String kept = String.join("\n", Arrays.copyOf(lines, 4)) + "\n" + lines[4].substring(0, lines[4].length() / 2);
            Files.writeString(crashed, kept, StandardCharsets.UTF_8);
            server.reset();

            SessionReport resumed = LongSession.builder().resume(crashed).run();

            Measurements.assertSame(uninterrupted.report(), resumed);
            Map<String, Integer> asked = server.requestsPerPrompt();
            List<SavedResponse> turns = uninterrupted.report().responses();
            assertEquals(3, asked.size(), asked.toString());
            for (SavedResponse turn : turns.subList(3, TURNS)) {
                assertEquals(1, asked.get(turn.prompt()), "turn " + turn.turn());
            }
            assertEquals(TURNS, FaultRun.journal(crashed).size(), "the torn line was replaced by turn 4");
        }
    }
}
