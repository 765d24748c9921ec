package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key given to {@code longhaul run} by {@code --api-key-env} reaches the server as
 * {@code Authorization: Bearer} and nothing else: not the report, the checkpoint, the debug log or an error message,
 * even when the server quotes the key back in its 401 and 500 answers.
 */
class SecretsTest {

    private static final String KEY_VARIABLE = "LONGHAUL_TEST_API_KEY";

    @TempDir
    Path dir;

    @Test
    void theKeyIsSentAsBearerAndWrittenNowhereWhateverTheServerAnswers() throws Exception {
        String key = "sk-proj-" + UUID.randomUUID().toString().replace("-", "");
        String masked = key.substring(0, 7) + "*".repeat(12) + key.substring(key.length() - 4);
        try (DeterministicChatServer server = DeterministicChatServer.start()) {
            server.failNext(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + masked + ". You can find "
                    + "your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"invalid_api_key\"}}");
            String echo = "{\"error\":{\"code\":500,\"message\":\"upstream refused key "
                    + DeterministicChatServer.KEY_PLACEHOLDER + "\",\"type\":\"server_error\"}}";
            server.failNext(500, echo);
            server.failNext(500, echo);
            Path report = dir.resolve("run.json");

            CliProcess cli = CliProcess.start(dir, Map.of(KEY_VARIABLE, key),
                    List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                    List.of("run", "--backend", "openai", "--model", "gpt-test", "--url", server.baseUrl().toString(),
                            "--api-key-env", KEY_VARIABLE, "--turns", "3", "--retries", "1", "--timeout", "5",
                            "--delay", "0", "--save-responses", "-o", report.toString()));
            int code = cli.exitCode();

            assertEquals(0, code, cli.stderrText());
            List<String> sent = server.authorizations();
            assertFalse(sent.isEmpty());
            assertTrue(sent.stream().allMatch(("Bearer " + key)::equals), sent.toString());
            assertEquals(4, server.chatRequests(), "401 once, 500 twice (one retry), then the answer");

            SessionReport saved = ReportCodec.read(report);
            FailedTurn rejected = saved.failedTurns().get(0);
            assertEquals(FailureKind.REJECTED, rejected.kind());
            assertTrue(rejected.message().contains("answered HTTP 401: Incorrect API key provided: [redacted]."),
                    rejected.message());
            FailedTurn crashed = saved.failedTurns().get(1);
            assertEquals(FailureKind.SERVER_ERROR, crashed.kind());
            assertEquals(2, crashed.attempts());
            assertTrue(crashed.message().contains("upstream refused key [redacted]"), crashed.message());
            assertEquals(3, saved.turnMetrics().get(0).turn());

            String log = cli.stderrText();
            assertTrue(log.contains("DEBUG dev.longhaul.backend.http.HttpTransport"), "debug log on: " + log);
            assertTrue(log.contains("retry 1/1"), "the retry is logged: " + log);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    assertFalse(text.contains(key), file + " holds the key");
                    assertFalse(text.contains(masked), file + " holds the masked key");
                    assertFalse(text.contains(key.substring(key.length() - 12)), file + " holds the key's end");
                }
            }
            assertTrue(Files.readString(dir.resolve("run.turns.jsonl")).contains("\"api_key_env\":\"" + KEY_VARIABLE + "\""),
                    "the checkpoint names the variable, so a resumed run reads the key again");
        }
    }
}
