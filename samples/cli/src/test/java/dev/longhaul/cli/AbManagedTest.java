package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longhaul ab --server-bin}: managed llama-server arms against the stand-in llama-server of the openai
 * backend's tests (a single-file JDK-only program, compiled here once and started through an executable script).
 */
class AbManagedTest {

    private static final Path STAND_IN_SOURCE =
            Path.of("../../backends/openai/src/test/resources/managed/StandInLlamaServer.java");
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    static Path standInClasses;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileStandIn() {
        assertTrue(Files.isRegularFile(STAND_IN_SOURCE), "stand-in source at " + STAND_IN_SOURCE.toAbsolutePath());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", standInClasses.toString(), STAND_IN_SOURCE.toString()), "compiling the stand-in llama-server");
    }

    @AfterEach
    void noStandInLeftRunning() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("StandInLlamaServer")).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "stand-in servers left running");
    }

    @Test
    void eachArmStartsItsServerAndTheReportRecordsCommandAndKvLog() throws Exception {
        Path bin = standIn(Map.of("STANDIN_LOADING_MS", "200"));
        Path model = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F'});
        Path out = dir.resolve("out");

        CliTest.Result r = run("ab", "--server-bin", bin.toString(), "--model-file", model.toString(),
                "--kv-types", "f16,turbo4", "--turns", "3", "--delay", "0", "--ctx", "2048", "--threads", "2",
                "--output-dir", out.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Started: " + bin + " -m " + model), r.out());
        SessionReport turbo = ReportCodec.read(out.resolve("turbo4.json"));
        assertEquals(3, turbo.turnMetrics().size());
        Map<String, Object> extra = turbo.config().extra();
        List<?> command = (List<?>) extra.get("server_command");
        assertEquals(List.of(bin.toString(), "-m", model.toString(), "--host", "127.0.0.1"), command.subList(0, 5));
        assertEquals(List.of("-c", "2048", "-np", "1", "-fa", "on", "-ctk", "turbo4", "-ctv", "turbo4",
                "--seed", "42", "-t", "2"), command.subList(7, command.size()));
        assertEquals("turbo4.server.log", extra.get("server_log"));
        List<?> kvLog = (List<?>) extra.get("server_kv_log");
        assertTrue(kvLog.stream().anyMatch(l -> l.toString().contains("K (turbo4)")), kvLog.toString());
        assertEquals("turbo4", ((Map<?, ?>) extra.get("backend_info")).get("kv_cache_k_type"));
        assertTrue(Files.readString(out.resolve("turbo4.server.log")).contains("llama_kv_cache: size ="));

        SessionReport f16 = ReportCodec.read(out.resolve("f16.json"));
        assertTrue(((List<?>) f16.config().extra().get("server_command")).contains("f16"));
        assertTrue(Files.isRegularFile(out.resolve("comparison.json")));
    }

    @Test
    void serverDyingMidArmRecordsFailedTurnsStopsTheArmAndStillWritesTheReport() throws Exception {
        Path bin = standIn(Map.of("STANDIN_EXIT_AFTER", "1", "STANDIN_LOADING_MS", "0"));
        Path model = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F'});
        Path out = dir.resolve("out");

        CliTest.Result r = run("ab", "--server-bin", bin.toString(), "--model-file", model.toString(),
                "--kv-types", "f16,q8_0", "--turns", "10", "--delay", "0", "--retries", "0",
                "--output-dir", out.toString(), "--quiet");

        assertEquals(Main.EXIT_INCOMPLETE, r.code(), r.err());
        for (String kv : List.of("f16", "q8_0")) {
            SessionReport report = ReportCodec.read(out.resolve(kv + ".json"));
            assertEquals(1, report.turnMetrics().size());
            assertEquals(List.of(2, 3, 4, 5, 6), report.failedTurns().stream().map(FailedTurn::turn).toList());
            assertEquals(FailureKind.UNREACHABLE, report.failedTurns().get(4).kind());
            assertTrue(report.config().extra().containsKey("stopped_early"));
            assertTrue(report.config().extra().containsKey("server_kv_log"));
        }
    }

    @Test
    void aResumedStudyStartsTheServerOfTheArmInFlightAgainWithTheRecordedSettings() throws Exception {
        Path bin = standIn(Map.of("STANDIN_LOADING_MS", "0"));
        Path model = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F'});
        Path out = dir.resolve("out");
        CliTest.Result whole = run("ab", "--server-bin", bin.toString(), "--model-file", model.toString(),
                "--kv-types", "f16,turbo4", "--turns", "3", "--delay", "0", "--ctx", "2048", "--threads", "2",
                "--free-running", "--save-responses", "--output-dir", out.toString(), "--quiet");
        assertEquals(0, whole.code(), whole.err());
        SessionReport uninterrupted = ReportCodec.read(out.resolve("turbo4.json"));
        // what a kill -9 after turbo4's first turn leaves: its journal up to turn 1, no report, an unfinished study
        Path journal = out.resolve("turbo4.turns.jsonl");
        Files.write(journal, Files.readAllLines(journal).subList(0, 2));
        Files.delete(out.resolve("turbo4.json"));
        Path study = out.resolve("study.json");
        Files.writeString(study, Files.readString(study).replace("\"complete\" : true", "\"complete\" : false"));

        CliTest.Result resumed = run("ab", "--resume", out.toString(), "--quiet");

        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("finished earlier, " + out.resolve("f16.json")), resumed.out());
        assertEquals(1, resumed.out().lines().filter(l -> l.startsWith("Started: ")).count(), resumed.out());
        SessionReport turbo = ReportCodec.read(out.resolve("turbo4.json"));
        List<?> command = (List<?>) turbo.config().extra().get("server_command");
        assertEquals(List.of("-c", "2048", "-np", "1", "-fa", "on", "-ctk", "turbo4", "-ctv", "turbo4",
                "--seed", "42", "-t", "2"), command.subList(7, command.size()));
        assertEquals(3, turbo.turnMetrics().size());
        assertEquals(uninterrupted.responses().get(0), turbo.responses().get(0), "turn 1 comes from the journal");
        // the stand-in numbers its answers by the requests it has had: the new server was asked turns 2 and 3 only
        assertTrue(turbo.responses().get(1).response().startsWith("Here is turn 1."), turbo.responses().toString());
        assertTrue(turbo.responses().get(2).response().startsWith("Here is turn 2."), turbo.responses().toString());
    }

    @Test
    void missingBinaryIsAOneLineError() throws IOException {
        Path model = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F'});
        Path bin = dir.resolve("nowhere/llama-server");
        CliTest.Result r = run("ab", "--server-bin", bin.toString(), "--model-file", model.toString(),
                "--output-dir", dir.toString(), "--quiet");
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("longhaul: llama-server binary " + bin + " does not exist or is not a file",
                r.err().strip());
    }

    @Test
    void serverBinWithoutModelFileIsRefused() throws IOException {
        Path bin = standIn(Map.of());
        CliTest.Result r = run("ab", "--server-bin", bin.toString(), "--output-dir", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("longhaul: --server-bin needs --model-file, the GGUF model each server loads", r.err().strip());
    }

    private CliTest.Result run(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> CliTest.longhaul(args));
    }

    private Path standIn(Map<String, String> env) throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        env.forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
        script.append("exec '").append(Path.of(System.getProperty("java.home"), "bin", "java"))
                .append("' -XX:TieredStopAtLevel=1 -cp '").append(standInClasses)
                .append("' StandInLlamaServer \"$@\"\n");
        Path file = dir.resolve("llama-server");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
