package dev.longhaul.rescoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.TurnScore;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescoringTest {

    @TempDir
    Path dir;

    private final HeuristicScorer heuristic = new HeuristicScorer();

    @Test
    void everyThreadCountAndChunkSizeWritesTheSameLinesInInputOrder() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String prompt = "Write a class number " + i + " with tests";
            String response = "## Answer " + i + "\n```\nclass A" + i + ":\n    return " + i + "\n```\n- done "
                    + "é".repeat(i % 3) + " as mentioned earlier".repeat(i % 2);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("turn", i);
            line.put("phase", "p" + (i % 5));
            line.put("prompt", prompt);
            line.put("response", response);
            text.append(PythonJsonWriter.writeLine(line)).append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0) {
                text.append("   \n"); // blank lines are skipped
            }
            expected.add(expectedLine(i, "p" + (i % 5), prompt, response));
        }
        Path turns = Files.writeString(dir.resolve("turns.jsonl"), text);
        String oneThread = rescore(turns, 1, 1 << 20);
        assertEquals(String.join("\n", expected) + "\n", oneThread);
        for (int chunk : new int[] {1, 7, 100, 4096}) {
            assertEquals(oneThread, rescore(turns, 3, chunk), "3 threads, chunks of " + chunk);
        }
    }

    @Test
    void linesEndAsBufferedReaderEndsThemEvenAcrossChunks() throws Exception {
        String a = "{\"prompt\": \"p\", \"response\": \"a\"}";
        // \r, \r\n and \n end lines; \n\n leaves an empty line 4; the last line has no end
        Path turns = Files.writeString(dir.resolve("ends.jsonl"), a + "\r" + a + "\r\n" + a + "\n\n" + a);
        for (int chunk : new int[] {1, a.length() + 1, 1 << 20}) {
            String out = rescore(turns, 2, chunk);
            List<Integer> numbers = out.lines().map(l -> Integer.parseInt(l.substring(9, l.indexOf(',')))).toList();
            assertEquals(List.of(1, 2, 3, 5), numbers, "chunks of " + chunk + ": turn = line number");
        }
    }

    @Test
    void aBadLineStopsAfterTheLinesBeforeItAndIsNamed() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            text.append(i == 23 ? "{\"prompt\": 5, \"response\": \"r\"}" : "{\"prompt\": \"p\", \"response\": \"r\"}")
                    .append('\n');
        }
        Path turns = Files.writeString(dir.resolve("bad.jsonl"), text);
        StringWriter out = new StringWriter();
        SavedTurnsProblem problem = assertThrows(SavedTurnsProblem.class,
                () -> new Rescoring(heuristic, 2, 50).rescore(turns, out));
        assertEquals(turns + ":23: \"prompt\" must be a string", problem.getMessage());
        assertEquals(23, problem.line());
        assertEquals(22, out.toString().lines().count(), "the lines before the bad one are written");
    }

    @Test
    void eachProblemIsNamedAsTheTreeReaderNamedIt() throws Exception {
        assertProblem("{\"turn\": \"three\", \"prompt\": \"p\", \"response\": \"r\"}", ":1: \"turn\" must be a whole number, was \"three\"");
        assertProblem("{\"turn\": 1.5, \"prompt\": \"p\", \"response\": \"r\"}", ":1: \"turn\" must be a whole number, was 1.5");
        assertProblem("{\"turn\": [1], \"prompt\": \"p\", \"response\": \"r\"}", ":1: \"turn\" must be a whole number, was [1]");
        assertProblem("{\"turn\": 12345678901, \"prompt\": \"p\", \"response\": \"r\"}",
                ":1: \"turn\" must be a whole number, was 12345678901");
        assertProblem("{\"turn\": 0, \"prompt\": \"p\", \"response\": \"r\"}", ":1: \"turn\" must be at least 1, was 0");
        assertProblem("{\"prompt\": \"p\"}", ":1: \"response\" must be a string");
        assertProblem("[1, 2]", ":1: expected a JSON object");
        assertProblem("{\"prompt\": \"p\", \"response\": \"r\"} {}", ":1: more than one JSON value on the line (one turn a line)");
        assertProblem("{\"prompt\": \"p\", \"response\": \"r\", \"x\": {\"y\": tru}}", ":1: not valid JSON");
        assertProblem("{\"prompt\": \"p\", \"response\": \"\\q\"}", ":1: not valid JSON");
        assertProblem("{\"prompt\": \"caf\u00e9\", \"response\": \"r\"} x", ":1: not valid JSON");
    }

    @Test
    void aLineInAnotherEncodingIsNamedByItsNumber() throws Exception {
        byte[] good = "{\"prompt\": \"p\", \"response\": \"r\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "{\"prompt\": \"caf\u00e9\", \"response\": \"r\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Path turns = dir.resolve("latin1.jsonl");
        Files.write(turns, concat(good, good, latin1, good));
        SavedTurnsProblem problem = assertThrows(SavedTurnsProblem.class,
                () -> new Rescoring(heuristic, 2, 8).rescore(turns, new StringWriter()));
        assertEquals(turns + ": line 3 is not valid UTF-8", problem.getMessage());
        assertEquals(0, problem.line(), "a problem of the file's encoding, not of the turn");
    }

    @Test
    void nullTurnDuplicateKeysAndOtherFieldsReadAsTheTreeReaderReadThem() throws Exception {
        Path turns = Files.writeString(dir.resolve("keys.jsonl"),
                "{\"turn\": null, \"phase\": 3, \"meta\": {\"a\": [1, {\"b\": \"c\"}]}, \"prompt\": \"x\", "
                        + "\"prompt\": \"Write a class\", \"response\": \"class A\"}\n");
        String out = rescore(turns, 1, 1 << 20);
        assertEquals(expectedLine(1, "", "Write a class", "class A") + "\n", out);
    }

    @Test
    void aMissingFileIsTheFilesProblem() {
        Path missing = dir.resolve("missing.jsonl");
        SavedTurnsProblem problem = assertThrows(SavedTurnsProblem.class,
                () -> new Rescoring(heuristic, 1).rescore(missing, new StringWriter()));
        assertEquals(missing + ": cannot be read (no such file or directory)", problem.getMessage());
    }

    private void assertProblem(String line, String expected) throws IOException {
        Path turns = Files.writeString(dir.resolve("one.jsonl"), line + "\n");
        SavedTurnsProblem problem = assertThrows(SavedTurnsProblem.class,
                () -> new Rescoring(heuristic, 1).rescore(turns, new StringWriter()), line);
        assertEquals(turns + expected, problem.getMessage(), line);
        assertTrue(problem.getMessage().lines().count() == 1);
    }

    private String expectedLine(int turn, String phase, String prompt, String response) {
        TurnScore score = heuristic.score(new dev.longhaul.scoring.TurnInput(turn, phase, prompt, response));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("turn", turn);
        row.put("phase", phase);
        row.putAll(score.metrics());
        return PythonJsonWriter.writeLine(row);
    }

    private String rescore(Path turns, int threads, int chunkBytes) throws Exception {
        StringWriter out = new StringWriter();
        new Rescoring(heuristic, threads, chunkBytes).rescore(turns, out);
        return out.toString();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
