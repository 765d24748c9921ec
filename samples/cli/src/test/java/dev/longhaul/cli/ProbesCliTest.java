package dev.longhaul.cli;

import static dev.longhaul.cli.CliTest.longhaul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --probes}: the seed's conversation with the default recall probes, on the scripted test backend. */
class ProbesCliTest {

    @TempDir
    Path dir;

    @Test
    void runWithProbesPlaysSixtyTwoTurnsAndReportsRecall() throws Exception {
        Path report = dir.resolve("probes.json");
        CliTest.Result r = longhaul("run", "--backend", "scripted", "--probes", "--delay", "0", "--no-checkpoint",
                "-o", report.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Long-Session Quality Test — 62 turns"), r.out());
        assertTrue(r.out().contains("RECALL PROBES:\n recall           f16\n all              0/6 0.000\n"), r.out());
        SessionReport saved = ReportCodec.read(report);
        assertEquals(62, saved.turnMetrics().size());
        assertEquals("seed+probes", saved.config().extra().get("script"));
        assertEquals(6, ProbeRecall.of(saved.turnMetrics()).orElseThrow().all().probed());
        assertEquals(50, saved.turnMetrics().stream().filter(t -> !t.excludedFromQuality()).count());
        assertTrue(Files.readString(report).contains("\"probes\": {"));
    }

    @Test
    void turnsGivenWithProbesWin() {
        Path report = dir.resolve("short.json");
        CliTest.Result r = longhaul("run", "--backend", "scripted", "--probes", "--turns", "6", "--delay", "0",
                "--no-checkpoint", "-o", report.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(6, ReportCodec.read(report).turnMetrics().size());
        assertEquals(1, ProbeRecall.of(ReportCodec.read(report).turnMetrics()).orElseThrow().all().probed());
    }

    @Test
    void abWithProbesShowsTheRecallOfEveryArm() {
        Path out = dir.resolve("ab");
        CliTest.Result r = longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--probes", "--turns", "6",
                "--output-dir", out.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("RECALL PROBES:\n recall           f16          q8_0\n"
                + " all              0/1 0.000    0/1 0.000\n"), r.out());
        assertEquals(6, ReportCodec.read(out.resolve("q8_0.json")).turnMetrics().size());
        assertEquals(1, ProbeRecall.of(ReportCodec.read(out.resolve("q8_0.json")).turnMetrics()).orElseThrow()
                .all().probed());
    }

    @Test
    void probesAndAScriptOfYourOwnDoNotMix() throws Exception {
        Path script = Files.writeString(dir.resolve("s.json"), "{\"phases\":[{\"phase\":\"a\",\"turns\":[\"x\"]}]}");
        CliTest.Result r = longhaul("run", "--backend", "scripted", "--probes", "--script", script.toString(),
                "--delay", "0", "--no-checkpoint", "-o", dir.resolve("x.json").toString(), "--quiet");
        assertEquals(2, r.code());
        assertEquals("longhaul: --probes adds its turns to the seed's conversation; put plants and probes in your "
                + "--script file instead (see docs/probes-and-pressure.md)\n", r.err());
    }
}
