package dev.longhaul.samples.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.cli.Main;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.render.CsvReport;
import dev.longhaul.render.HtmlReport;
import dev.longhaul.render.ReportSet;
import dev.longhaul.session.LongSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer's metrics reach the report a session writes, and the command line's {@code score} output. */
class PythonBlocksInReportTest {

    static final List<String> ANSWERS = List.of(
            "```python\ndef add(a, b):\n    return a + b\n```\n",
            HeuristicWithPythonBlocksTest.TWO_BLOCKS_ONE_CUT_OFF,
            "Sorry, no code this time.");

    @TempDir
    Path dir;

    static SessionReport scoredRun() throws Exception {
        // tag::use-scorer[]
        SessionReport report = LongSession.builder()
                .backend(new CannedAnswers(ANSWERS), "canned")
                .turns(3)
                .delay(Duration.ZERO)
                .scorer(new HeuristicWithPythonBlocks())
                .run();
        // end::use-scorer[]
        return report;
    }

    @Test
    void everyTurnOfTheReportCarriesBothMetricsAfterTheSeedsTen() throws Exception {
        Path file = dir.resolve("report.json");
        ReportCodec.write(scoredRun(), file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(HeuristicWithPythonBlocks.class.getName(), json.path("config").path("scorer").asText());
        int[][] expected = {{1, 1}, {2, 1}, {0, 0}};
        for (int i = 0; i < expected.length; i++) {
            JsonNode turn = json.path("turn_metrics").get(i);
            assertEquals(expected[i][0], turn.path(PythonBlockScorer.BLOCKS).intValue(), "turn " + (i + 1));
            assertEquals(expected[i][1], turn.path(PythonBlockScorer.WELL_FORMED).intValue(), "turn " + (i + 1));
            List<String> keys = new ArrayList<>();
            turn.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.indexOf("quality_score") + 1, keys.indexOf(PythonBlockScorer.BLOCKS), keys.toString());
        }
    }

    @Test
    void theHtmlPageShowsBothMetricsWithEachTurn() throws Exception {
        String html = HtmlReport.render(ReportSet.of(List.of(scoredRun())));
        int[][] expected = {{1, 1}, {2, 1}, {0, 0}};
        for (int i = 0; i < expected.length; i++) {
            int turn = i + 1;
            int start = html.indexOf("id=\"turn-" + turn + "\"");
            int end = turn < expected.length ? html.indexOf("id=\"turn-" + (turn + 1) + "\"") : html.length();
            String section = html.substring(start, end);
            assertTrue(section.contains("<tr data-metric=\"" + PythonBlockScorer.BLOCKS + "\"><th>"
                    + PythonBlockScorer.BLOCKS + "</th><td>" + expected[i][0] + "</td></tr>"), section);
            assertTrue(section.contains("<tr data-metric=\"" + PythonBlockScorer.WELL_FORMED + "\"><th>"
                    + PythonBlockScorer.WELL_FORMED + "</th><td>" + expected[i][1] + "</td></tr>"), section);
        }
    }

    @Test
    void theCsvRenderingHasAColumnPerMetricWithEveryTurnsNumbers() throws Exception {
        List<String> rows = CsvReport.render(ReportSet.of(List.of(scoredRun()))).lines().toList();
        List<String> header = List.of(rows.get(0).split(","));
        int blocks = header.indexOf(PythonBlockScorer.BLOCKS);
        int wellFormed = header.indexOf(PythonBlockScorer.WELL_FORMED);
        assertTrue(blocks > header.indexOf("quality_score") && wellFormed == blocks + 1, rows.get(0));
        assertEquals(List.of("1/1", "2/1", "0/0"), rows.subList(1, 4).stream()
                .map(row -> row.split(",")[blocks] + "/" + row.split(",")[wellFormed]).toList());
    }

    @Test
    void theCommandLineLoadsTheScorerByClassNameToRescoreSavedTurns() throws Exception {
        Path turns = dir.resolve("turns.jsonl");
        Files.writeString(turns, "{\"turn\": 1, \"phase\": \"code_gen\", \"prompt\": \"Write add.\", \"response\": "
                + "\"```python\\ndef add(a, b):\\n    return add(a,\\n```\"}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"score", "--input", turns.toString(),
                "--scorer", HeuristicWithPythonBlocks.class.getName()}, new PrintWriter(out), new PrintWriter(err));

        assertEquals(0, code, err.toString());
        JsonNode row = new ObjectMapper().readTree(out.toString());
        assertEquals(1, row.path(PythonBlockScorer.BLOCKS).intValue());
        assertEquals(0, row.path(PythonBlockScorer.WELL_FORMED).intValue(), "'return add(a,' does not compile");
        assertTrue(row.has("quality_score"), out.toString());
    }

    @Test
    void theCommandLineFindsTheScorerByTheNameItsProviderRegisters() throws Exception {
        Path turns = dir.resolve("turns.jsonl");
        Files.writeString(turns, "{\"turn\": 1, \"phase\": \"code_gen\", \"prompt\": \"Write add.\", \"response\": "
                + "\"```python\\ndef add(a, b):\\n    return a + b\\n```\"}\n");
        StringWriter byName = new StringWriter();
        StringWriter byClass = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"score", "--input", turns.toString(),
                "--scorer", "heuristic-python-blocks"}, new PrintWriter(byName), new PrintWriter(err)), err.toString());
        assertEquals(0, Main.execute(new String[] {"score", "--input", turns.toString(),
                "--scorer", HeuristicWithPythonBlocks.class.getName()}, new PrintWriter(byClass), new PrintWriter(err)));

        assertEquals(byClass.toString(), byName.toString());
        assertEquals(1, new ObjectMapper().readTree(byName.toString()).path(PythonBlockScorer.WELL_FORMED).intValue());
    }

    /** Answers each turn with the next text of a list: the sample's stand-in for a model. */
    static final class CannedAnswers implements Backend {
        private final Iterator<String> answers;

        CannedAnswers(List<String> answers) {
            this.answers = answers.iterator();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return ChatResponse.of(answers.next(), "stop", GenerationStats.elapsedOnly(Duration.ofMillis(5)));
        }

        @Override
        public BackendInfo info() {
            return BackendInfo.basic("canned", null);
        }
    }
}
