package dev.longhaul.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRunsJournalAndPageStandBesideItsReport() {
        RunFiles files = RunFiles.beside(dir.resolve("run.json"));
        assertEquals(dir.resolve("run.turns.jsonl"), files.journal());
        assertEquals(dir.resolve("run.html"), files.page());
        // a name without .json keeps it whole
        assertEquals(dir.resolve("run.txt.turns.jsonl"), RunFiles.beside(dir.resolve("run.txt")).journal());
        assertNull(files.withJournal(null).journal());
    }

    @Test
    void aResumedRunsReportStandsBesideItsJournal() {
        RunFiles files = RunFiles.ofJournal(dir.resolve("run.turns.jsonl"));
        assertEquals(dir.resolve("run.json"), files.report());
        assertEquals(dir.resolve("run.html"), files.page());
        assertEquals(dir.resolve("run.turns.jsonl"), files.journal());
        assertEquals(dir.resolve("other.json"), RunFiles.ofJournal(dir.resolve("other.jsonl")).report());
    }

    @Test
    void theDefaultReportIsTheSeedsNameWithAFileSafeKvType() {
        assertEquals(Path.of("benchmarks", "long_session_q8_0_1700000000.json"),
                RunFiles.defaultReport("q8_0", Instant.ofEpochSecond(1_700_000_000L, 999_000_000)));
        assertEquals(Path.of("benchmarks", "long_session_a_.._b_1.json"),
                RunFiles.defaultReport("a/../b", Instant.ofEpochSecond(1)));
    }

    @Test
    void onlyAnInterruptedRunsReportIsNotFinished() throws Exception {
        RunFiles files = RunFiles.beside(dir.resolve("run.json"));
        assertFalse(files.reportIsFinished(), "no report yet");
        ReportCodec.write(report(null), files.report());
        assertTrue(files.reportIsFinished());
        ReportCodec.write(report("too many failures in a row"), files.report());
        assertTrue(files.reportIsFinished(), "stopped for another reason: its result stands");
        ReportCodec.write(report("interrupted (SIGTERM)"), files.report());
        assertFalse(files.reportIsFinished(), "resuming supersedes an interrupted run");
        Files.writeString(files.report(), "not a report");
        assertTrue(files.reportIsFinished(), "not a report: not this run's to replace");
    }

    private static SessionReport report(String stoppedEarly) {
        RunConfig config = new RunConfig("scripted", "m", "f16", 1, 5, "2026-12-02T00:00:00", Map.of());
        if (stoppedEarly != null) {
            config = config.withStoppedEarly(stoppedEarly);
        }
        return new SessionReport(config, List.of(), List.of(),
                new Summary(Double.NaN, Double.NaN, Double.NaN, 0, null, Double.NaN, 0L, Double.NaN, 1), List.of(),
                List.of());
    }
}
