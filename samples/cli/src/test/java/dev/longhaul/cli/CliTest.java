package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.experiment.RunFiles;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.MarkdownListHeuristicScorer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process, on the scripted test backend (core's test-jar). */
public class CliTest {

    @TempDir
    Path dir;

    /** What one in-process {@code longhaul} call gave: exit code, standard output, standard error. */
    public record Result(int code, String out, String err) {
    }

    /** Runs {@code longhaul} in-process with the given arguments; shared by the CLI tests of every package. */
    public static Result longhaul(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runPrintsProgressAndTheReportAndSavesIt() {
        Path report = dir.resolve("run.json");
        Result r = longhaul("run", "--backend", "scripted", "--turns", "6", "--delay", "0", "--kv-type", "q8_0",
                "-o", report.toString(), "--save-responses");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Long-Session Quality Test — 6 turns"), r.out());
        assertTrue(r.out().contains("[Turn  1/6] Phase: code_gen     | score="), r.out());
        assertTrue(r.out().contains("LONG-SESSION QUALITY REPORT"), r.out());
        assertTrue(r.out().contains("Report saved to: " + report), r.out());
        SessionReport saved = ReportCodec.read(report);
        assertEquals(6, saved.turnMetrics().size());
        assertEquals(6, saved.responses().size());
        assertEquals("q8_0", saved.config().kvType());
        assertEquals("scripted", saved.config().backend());
    }

    @Test
    void runChoosesTheScorerByItsProvidersNameAndAResumedRunFindsItAgain() throws Exception {
        Path report = dir.resolve("lists.json");
        Result r = longhaul("run", "--backend", "scripted", "--turns", "4", "--delay", "0", "--quiet",
                "--scorer", "heuristic-markdown-lists", "-o", report.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(MarkdownListHeuristicScorer.class.getName(), ReportCodec.read(report).config().extra().get("scorer"));

        // the journal without its last turn, as an interrupted run leaves it: resumed without --scorer
        Path journal = RunFiles.beside(report).journal();
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, lines.size() - 1));
        Path resumedReport = dir.resolve("resumed.json");
        Result resumed = longhaul("run", "--resume", journal.toString(), "-o", resumedReport.toString(), "--quiet");

        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Files.readString(report).replaceAll("\"timestamp\": \"[^\"]*\"", ""),
                Files.readString(resumedReport).replaceAll("\"timestamp\": \"[^\"]*\"", ""));
        Result other = longhaul("run", "--resume", journal.toString(), "-o", dir.resolve("x.json").toString(),
                "--scorer", "heuristic");
        assertEquals(Main.EXIT_BAD_INPUT, other.code(), "another scorer than the journal's is refused");
        assertEquals("longhaul: the checkpoint was scored by " + MarkdownListHeuristicScorer.class.getName()
                + "; set that scorer to resume it, not " + HeuristicScorer.class.getName(), other.err().strip());
    }

    @Test
    void anUnknownScorerIsRefusedListingTheKnownNames() {
        Result r = longhaul("run", "--backend", "scripted", "--turns", "2", "--delay", "0", "--scorer", "heuristics",
                "-o", dir.resolve("r.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
        assertEquals("longhaul: --scorer 'heuristics' is neither a scorer's name (heuristic, heuristic-markdown-lists) "
                + "nor a class on the class path", r.err().strip());
    }

    @Test
    void compareAndJsonCompareReadTwoReports() {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, longhaul("run", "--backend", "scripted", "--turns", "8", "--delay", "0", "--kv-type", "f16",
                "-o", a.toString(), "--quiet").code());
        assertEquals(0, longhaul("run", "--backend", "scripted", "--turns", "8", "--delay", "0", "--kv-type", "q4_0",
                "--backend-option", "drop_from=5", "-o", b.toString(), "--quiet").code());

        Result text = longhaul("compare", a.toString(), b.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("QUALITY COMPARISON: f16 vs q4_0"), text.out());
        assertTrue(text.out().contains("Verdict: f16 is BETTER by"), text.out());

        Result json = longhaul("compare", "--json", a.toString(), b.toString());
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().startsWith("{\n  \"labels\": [\n    \"f16\",\n    \"q4_0\"\n  ],"), json.out());
        assertTrue(json.out().contains("\"verdict\": \"f16 is BETTER by"), json.out());
    }

    @Test
    void aHistorySlideIsAppliedAndSaidInTheReport() {
        Path out = dir.resolve("slide.json");
        Result r = longhaul("run", "--backend", "scripted", "--turns", "6", "--history-window", "2",
                "--history-slide", "2", "--delay", "0", "--quiet", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, ReportCodec.read(out).config().extra().get("history_slide"));
    }

    @Test
    void scoreWritesOneMetricsObjectALineWithTheSeedsKeys() throws Exception {
        Path in = Files.writeString(dir.resolve("turns.jsonl"),
                "{\"turn\": 1, \"phase\": \"code_gen\", \"prompt\": \"Write a class\", \"response\": \"## Hi\\n```\\nclass A: pass\\n```\"}\n"
                        + "\n"
                        + "{\"turn\": 2, \"phase\": \"debug\", \"prompt\": \"Fix it\", \"response\": \"1. fixed\"}\n");
        Path out = dir.resolve("metrics.jsonl");
        Result r = longhaul("score", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"turn\": 1, \"phase\": \"code_gen\", \"response_length\": 27, \"line_count\": 4,"),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"has_lists\": true"), lines.get(1));
        assertTrue(lines.get(0).contains("\"has_headers\": true, \"has_code_blocks\": true, \"has_lists\": false"), lines.get(0));
    }

    @Test
    void badInputGivesOneLineAndExitCode2() {
        Result unknown = longhaul("run", "--backend", "nope", "--turns", "1", "--delay", "0", "-o", dir.resolve("x.json").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("longhaul: unknown backend 'nope'; available: "), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());

        Result turns = longhaul("run", "--backend", "scripted", "--turns", "0");
        assertEquals(2, turns.code());
        assertEquals("longhaul: turns 0 is out of range [1, 100000]", turns.err().strip());

        Path missing = dir.resolve("missing.json");
        Result compare = longhaul("compare", missing.toString(), missing.toString());
        assertEquals(2, compare.code());
        assertEquals(1, compare.err().lines().count(), compare.err());
        assertTrue(compare.err().contains(missing.toString()), compare.err());
        assertFalse(compare.err().contains("Exception"), compare.err());

        Result flag = longhaul("run", "--turns", "many");
        assertEquals(2, flag.code());
        assertTrue(flag.err().startsWith("longhaul: Invalid value for option '--turns': 'many' is not an int"), flag.err());
    }

    @Test
    void backendsListsEveryProviderOnTheClassPath() {
        Result r = longhaul("backends");
        assertEquals(0, r.code());
        List<String> names = r.out().lines().map(l -> l.split("\\s+")[0]).toList();
        assertTrue(names.containsAll(List.of("llama-server", "llamacpp", "ollama", "openai", "scripted")), r.out());
    }
}
