package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.cli.CliTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary mistakes that used to destroy a file: no output replaces an input, another output of the same command
 * or the journal of an unfinished run, a failed command leaves the previous file as it was, and a label in a
 * default path keeps the file where the user put it.
 */
class OutputSafetyTest {

    private static final String TURNS = "{\"turn\": 1, \"phase\": \"code_gen\", \"prompt\": \"Write it\", "
            + "\"response\": \"## A\\n1. done\"}\n";

    @TempDir
    Path dir;

    @Test
    void scoreNeverWritesOverItsInputAndABadLineLeavesAnEarlierOutputWhole() throws Exception {
        Path turns = Files.writeString(dir.resolve("turns.jsonl"), TURNS + TURNS);
        CliTest.Result same = CliTest.longhaul("score", "--input", turns.toString(), "--output", turns.toString());
        assertEquals(2, same.code());
        assertEquals("longhaul: --output " + turns + " is also an input (--input " + turns + "); write it elsewhere",
                same.err().strip());
        assertEquals(TURNS + TURNS, Files.readString(turns));

        Path scores = dir.resolve("scores.jsonl");
        assertEquals(0, CliTest.longhaul("score", "--input", turns.toString(), "--output", scores.toString()).code());
        String earlier = Files.readString(scores);
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), TURNS + TURNS + "{not json\n" + TURNS);
        CliTest.Result badLine = CliTest.longhaul("score", "--input", bad.toString(), "--output", scores.toString());
        assertEquals(2, badLine.code());
        assertEquals("longhaul: " + bad + ":3: not valid JSON", badLine.err().strip());
        assertEquals(earlier, Files.readString(scores), "the earlier scores are intact");

        Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, (TURNS.replace("Write it", "Schreib \u00e4")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliTest.Result utf8 = CliTest.longhaul("score", "--input", latin1.toString(), "--output", scores.toString());
        assertEquals(2, utf8.code());
        assertEquals("longhaul: --input " + latin1 + ": line 1 is not valid UTF-8", utf8.err().strip());
        assertEquals(earlier, Files.readString(scores));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void reportNeverWritesOverAReportItReadsNorTwoOutputsIntoOneFile() throws Exception {
        Path report = run("f16");
        String before = Files.readString(report);
        CliTest.Result markdown = CliTest.longhaul("report", report.toString(), "--markdown", report.toString());
        assertEquals(2, markdown.code());
        assertEquals("longhaul: --markdown " + report + " is also an input (REPORT " + report + "); write it elsewhere",
                markdown.err().strip());
        assertEquals(before, Files.readString(report));

        Path page = dir.resolve("page.html");
        CliTest.Result twice = CliTest.longhaul("report", report.toString(), "--html", page.toString(), "--csv",
                page.toString());
        assertEquals(2, twice.code());
        assertEquals("longhaul: --csv " + page + " and --html " + page + " are the same file; give each output its "
                + "own", twice.err().strip());
        assertFalse(Files.exists(page));
    }

    @Test
    void runRefusesToTruncateTheJournalOfAnUnfinishedRunAndToWriteItsReportOverItsJournal() throws Exception {
        Path report = dir.resolve("x.json");
        Path journal = dir.resolve("x.turns.jsonl");
        // an interrupted run: its journal has 2 of 6 turns
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "2", "--delay", "0", "--quiet",
                "-o", dir.resolve("two.json").toString()).code());
        List<String> lines = Files.readAllLines(dir.resolve("two.turns.jsonl"));
        Files.writeString(journal, String.join("\n", lines).replace("\"turns\":2", "\"turns\":6") + "\n");
        String journalled = Files.readString(journal);

        CliTest.Result again = CliTest.longhaul("run", "--backend", "scripted", "--turns", "6", "--delay", "0",
                "--force", "-o", report.toString());
        assertEquals(2, again.code());
        assertEquals("longhaul: the journal of -o " + journal + " journals an unfinished run (2 of 6 turns); continue "
                + "it with longhaul run --resume " + journal + ", or choose another path", again.err().strip());
        assertEquals(journalled, Files.readString(journal), "the journal is intact");

        CliTest.Result sameFile = CliTest.longhaul("run", "--backend", "scripted", "--turns", "2", "--delay", "0",
                "-o", dir.resolve("y.json").toString(), "--checkpoint", dir.resolve("y.json").toString());
        assertEquals(2, sameFile.code());
        assertTrue(sameFile.err().contains("are the same file"), sameFile.err());

        CliTest.Result resumed = CliTest.longhaul("run", "--resume", journal.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        CliTest.Result overFinished = CliTest.longhaul("run", "--backend", "scripted", "--turns", "3", "--delay", "0",
                "-o", report.toString());
        assertEquals(2, overFinished.code());
        assertEquals("longhaul: -o " + report + " exists and holds what an earlier command wrote; --force replaces "
                + "it, or choose another -o", overFinished.err().strip());
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "3", "--delay", "0", "--quiet",
                "--force", "-o", report.toString()).code());
    }

    @Test
    void aLabelInTheDefaultReportPathCannotLeaveTheBenchmarksDirectory() throws Exception {
        Path work = dir.resolve("work");
        CliProcess cli = CliProcess.start(work, Map.of(), List.of(), List.of("run", "--backend", "scripted", "--turns",
                "1", "--delay", "0", "--quiet", "--kv-type", "a/../../outside/x"));
        assertEquals(0, cli.exitCode(), cli.stderrText());
        assertFalse(Files.exists(dir.resolve("outside")), "nothing written outside");
        try (Stream<Path> files = Files.list(work.resolve("benchmarks"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("long_session_a_.._.._outside_x_"), names.toString());
        }
    }

    private Path run(String kv) {
        Path report = dir.resolve(kv + ".json");
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "3", "--delay", "0", "--quiet",
                "--kv-type", kv, "-o", report.toString()).code());
        return report;
    }
}
