package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.cli.CliTest;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longhaul ab} in a JVM of its own, killed (SIGKILL) or terminated (SIGTERM) mid-study, then resumed
 * in-process with {@code ab --resume DIR}: the resumed study writes the reports and the comparison an uninterrupted
 * study writes.
 */
class AbKillAndResumeTest {

    private static final String[] ARMS = {"f16", "q8_0", "q4_0"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Three arms on the bundled model, greedy and without prefix reuse, so that every answer is reproducible. */
    private static List<String> bundledStudy(Path out) {
        return List.of("ab", "--kv-types", String.join(",", ARMS), "--turns", "4", "--max-tokens", "24",
                "--threads", "2", "--temperature", "0", "--backend-option", "prefix_reuse=false", "--save-responses",
                "--delay", "0.2", "--free-running", "--quiet", "--output-dir", out.toString());
    }

    @Test
    void aStudyKilledInItsSecondArmResumesToTheReportsAndComparisonOfAnUninterruptedOne() throws Exception {
        Path whole = dir.resolve("uninterrupted");
        CliTest.Result uninterrupted = longhaul(bundledStudy(whole));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());

        Path study = dir.resolve("killed");
        CliProcess cli = CliProcess.start(dir.resolve("child"), Map.of(), List.of(), bundledStudy(study));
        Path secondJournal = study.resolve("q8_0.turns.jsonl");
        cli.awaitWhileRunning("a journalled turn of the second arm",
                () -> Files.exists(secondJournal) && FaultRun.journal(secondJournal).size() >= 1);
        cli.process().destroyForcibly();
        cli.exitCode();

        assertTrue(Files.exists(study.resolve("f16.json")), "the first arm's report");
        assertFalse(Files.exists(study.resolve("q8_0.json")), "no report of the arm killed");
        int journalled = FaultRun.journal(secondJournal).size();
        assertTrue(journalled >= 1 && journalled < 4, journalled + " journalled turns");

        CliTest.Result resumed = longhaul(List.of("ab", "--resume", study.toString(), "--quiet"));

        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("=== arm 1/3: kv f16, seed 42: finished earlier, "
                + study.resolve("f16.json") + " ==="), resumed.out());
        assertTrue(resumed.out().contains("=== arm 2/3: kv q8_0, seed 42, resumed from " + secondJournal + " ==="),
                resumed.out());
        for (String arm : ARMS) {
            SessionReport expected = ReportCodec.read(whole.resolve(arm + ".json"));
            Measurements.assertSame(expected, ReportCodec.read(study.resolve(arm + ".json")));
        }
        assertEquals(comparisons(whole), comparisons(study));
    }

    @Test
    void sigtermMidStudyWritesTheFinishedArmsReportsLeavesResumableJournalsAndSaysHowToResume() throws Exception {
        try (DeterministicChatServer server = DeterministicChatServer.start()) {
            Path whole = dir.resolve("uninterrupted");
            assertEquals(0, longhaul(serverStudy(server, whole)).code());
            server.reset();

            Path study = dir.resolve("terminated");
            server.holdAfter(6 + 2); // the second arm's turn 3 is in flight when the signal comes
            CliProcess cli = CliProcess.start(dir.resolve("child"), Map.of(), List.of(), serverStudy(server, study));
            cli.awaitWhileRunning("the second arm's third request", () -> server.chatRequests() == 6 + 3);
            cli.process().destroy();
            int code = cli.exitCode();

            assertEquals(143, code, "128 + SIGTERM; stderr:\n" + cli.stderrText());
            assertTrue(cli.stderrText().contains("longhaul: study stopped: interrupted during turn 3 of q8_0; the "
                    + "journals keep every finished turn: longhaul ab --resume " + study), cli.stderrText());
            Measurements.assertSame(ReportCodec.read(whole.resolve("f16.json")),
                    ReportCodec.read(study.resolve("f16.json")));
            assertFalse(Files.exists(study.resolve("q8_0.json")));
            assertEquals(2, FaultRun.journal(study.resolve("q8_0.turns.jsonl")).size());
            JsonNode partial = JSON.readTree(study.resolve("comparison.json").toFile());
            assertFalse(partial.get("complete").asBoolean());
            assertEquals("[\"f16.json\"]", partial.get("reports").toString());
            server.reset();

            CliTest.Result resumed = longhaul(List.of("ab", "--resume", study.toString(), "--quiet"));

            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            for (String arm : ARMS) {
                Measurements.assertSame(ReportCodec.read(whole.resolve(arm + ".json")),
                        ReportCodec.read(study.resolve(arm + ".json")));
            }
            assertEquals(6 - 2 + 6, server.chatRequests(), "only the turns not journalled were asked again");
            assertEquals(comparisons(whole), comparisons(study));
            assertFalse(JSON.readTree(study.resolve("comparison.json").toFile()).has("complete"));
        }
    }

    @Test
    void aSharedHistoryStudyTerminatedMidTurnResumesInLockstep() throws Exception {
        try (DeterministicChatServer server = DeterministicChatServer.start()) {
            Path whole = dir.resolve("uninterrupted");
            CliTest.Result uninterrupted = longhaul(sharedStudy(server, whole));
            assertEquals(0, uninterrupted.code(), uninterrupted.err());
            server.reset();

            Path study = dir.resolve("terminated");
            server.holdAfter(3 * 2 + 1); // turns 1 and 2 of every arm, then the baseline's turn 3
            CliProcess cli = CliProcess.start(dir.resolve("child"), Map.of(), List.of(), sharedStudy(server, study));
            cli.awaitWhileRunning("q8_0's third request", () -> server.chatRequests() == 3 * 2 + 2);
            cli.process().destroy();
            int code = cli.exitCode();

            assertEquals(143, code, "128 + SIGTERM; stderr:\n" + cli.stderrText());
            assertTrue(cli.stderrText().contains("the journals keep every finished turn: longhaul ab --resume "
                    + study), cli.stderrText());
            for (String arm : ARMS) {
                assertFalse(Files.exists(study.resolve(arm + ".json")), arm + ": no run finished in lockstep");
            }
            assertEquals(3, FaultRun.journal(study.resolve("f16.turns.jsonl")).size());
            assertEquals(2, FaultRun.journal(study.resolve("q8_0.turns.jsonl")).size());
            server.reset();

            CliTest.Result resumed = longhaul(List.of("ab", "--resume", study.toString(), "--quiet"));

            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            for (String arm : ARMS) {
                Measurements.assertSame(ReportCodec.read(whole.resolve(arm + ".json")),
                        ReportCodec.read(study.resolve(arm + ".json")));
            }
            assertEquals((6 - 3) + 2 * (6 - 2), server.chatRequests(), "only the turns not journalled were asked");
            assertEquals(comparisons(whole), comparisons(study));
        }
    }

    @Test
    void ctrlCMidStudyExits130AndSaysHowToResume() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(),
                "SIGINT is ignored in this process (started in the background), so a child JVM would ignore it too");
        try (DeterministicChatServer server = DeterministicChatServer.start()) {
            Path study = dir.resolve("interrupted");
            server.holdAfter(6 + 1);
            CliProcess cli = CliProcess.start(dir.resolve("child"), Map.of(), List.of(), serverStudy(server, study));
            cli.awaitWhileRunning("the second arm's second request", () -> server.chatRequests() == 6 + 2);
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(cli.process().pid())).start().waitFor());
            int code = cli.exitCode();

            assertEquals(130, code, "128 + SIGINT; stderr:\n" + cli.stderrText());
            assertTrue(cli.stderrText().contains("longhaul: study stopped: interrupted during turn 2 of q8_0"),
                    cli.stderrText());
            assertTrue(Files.exists(study.resolve("f16.json")));
            assertEquals(1, FaultRun.journal(study.resolve("q8_0.turns.jsonl")).size());
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return true; // cannot tell: do not send a signal that might be ignored
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return true;
    }

    private static List<String> serverStudy(DeterministicChatServer server, Path out) {
        String url = server.baseUrl().toString();
        return List.of("ab", "--backend", "llama-server", "--urls", url + "," + url + "," + url, "--kv-types",
                String.join(",", ARMS), "--turns", "6", "--retries", "0", "--timeout", "15", "--save-responses",
                "--free-running", "--quiet", "--output-dir", out.toString());
    }

    /** The default design, shared history, against one deterministic server (no token fidelity: it cannot force). */
    private static List<String> sharedStudy(DeterministicChatServer server, Path out) {
        String url = server.baseUrl().toString();
        return List.of("ab", "--backend", "llama-server", "--urls", url + "," + url + "," + url, "--kv-types",
                String.join(",", ARMS), "--turns", "6", "--retries", "0", "--timeout", "15", "--save-responses",
                "--fidelity-top-k", "0", "--quiet", "--output-dir", out.toString());
    }

    /** comparison.json's comparisons: every figure is computed from the answers, so a resumed study has the same. */
    private static JsonNode comparisons(Path study) throws Exception {
        return JSON.readTree(study.resolve("comparison.json").toFile()).get("comparisons");
    }

    private static CliTest.Result longhaul(List<String> args) {
        return CliTest.longhaul(new ArrayList<>(args).toArray(String[]::new));
    }
}
