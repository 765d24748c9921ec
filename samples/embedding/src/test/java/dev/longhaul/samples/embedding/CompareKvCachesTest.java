package dev.longhaul.samples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program runs for real, as a user runs it: its own JVM, two short arms on the bundled model, no mock. The JVM
 * must exit by itself (the llama.cpp binding leaves a thread behind) with everything printed.
 */
class CompareKvCachesTest {

    @TempDir
    Path dir;

    @Test
    void runsBothArmsOnTheBundledModelPrintsEveryTurnAndTheComparisonAndExits() throws Exception {
        Path out = dir.resolve("stdout.txt");
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CompareKvCaches.class.getName(), "2", "24",
                dir.resolve("out").toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        if (!program.waitFor(120, TimeUnit.SECONDS)) {
            program.destroyForcibly();
            throw new AssertionError("the program did not exit within 120 s; it printed:\n" + Files.readString(out));
        }
        String printed = Files.readString(out);

        assertEquals(0, program.exitValue(), printed + Files.readString(dir.resolve("stderr.txt")));
        List<String> turnLines = printed.lines().filter(l -> l.startsWith("[")).toList();
        assertEquals(List.of("[f16] turn 1/2: score", "[f16] turn 2/2: score", "[q8_0] turn 1/2: score",
                "[q8_0] turn 2/2: score"), turnLines.stream().map(l -> l.substring(0, l.indexOf("score") + 5)).toList(),
                printed);
        assertTrue(printed.contains("QUALITY COMPARISON: f16 vs q8_0"), printed);
        assertTrue(printed.contains("Verdict: "), printed);
        for (String kv : List.of("f16", "q8_0")) {
            SessionReport report = ReportCodec.read(dir.resolve("out").resolve(kv + ".json"));
            assertEquals("llamacpp", report.config().backend());
            assertEquals(kv, report.config().kvType());
            assertEquals(Boolean.TRUE, report.config().extra().get("kv_type_applied"), kv + " applied, not a label");
            assertEquals(2, report.turnMetrics().size(), kv);
            assertEquals(2, report.responses().size(), kv);
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(kv + ".turns.jsonl")), kv + " checkpoint");
        }
        String comparison = Files.readString(dir.resolve("out").resolve("comparison.json"));
        assertTrue(comparison.replaceAll("\\s", "").contains("\"labels\":[\"f16\",\"q8_0\"]"), comparison);
        assertTrue(comparison.contains("\"verdict\": "), comparison);
    }
}
