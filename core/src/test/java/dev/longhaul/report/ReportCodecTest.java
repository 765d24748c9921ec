package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCodecTest {

    @TempDir
    Path dir;

    static SessionReport sample(String kvType, List<FailedTurn> failed) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("response_length", 120);
        values.put("quality_score", 0.75);
        values.put("elapsed_s", 1.5);
        values.put("kv_type", "q8_0");
        RunConfig config = new RunConfig("llama-server", "qwen", kvType, 3, 20, "2025-01-02T03:04:05+00:00",
                Map.of("seed", 42));
        return new SessionReport(config, List.of(new TurnMetrics(1, "code_gen", values)), List.of(),
                new Summary(0.75, 0.75, 0.75, 0, null, 120.0, 0, 0.0, failed.size()), List.of(), failed);
    }

    @Test
    void roundTripsEveryPart() throws IOException {
        FailedTurn failed = new FailedTurn(2, "code_gen", "Add thread-safety", FailureKind.TIMEOUT, "no answer in 120 s", 3,
                360.5);
        SessionReport report = sample("q8_0", List.of(failed));
        Path file = dir.resolve("nested/run.json");
        ReportCodec.write(report, file);
        assertEquals(report, ReportCodec.read(file));
        assertEquals(ReportCodec.toJson(report), Files.readString(file));
    }

    @Test
    void writtenReportsAreReadableByOthersLikeAnyNewFile() throws IOException {
        Path file = dir.resolve("shared.json");
        ReportCodec.write(sample("f16", List.of()), file);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old content that is longer than nothing");
        ReportCodec.write(sample("f16", List.of()), file);
        assertEquals(ReportCodec.toJson(sample("f16", List.of())), Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void leavesOutANullKvTypeSoTheSeedLabelsTheRunItself() {
        String json = ReportCodec.toJson(sample(null, List.of()));
        assertFalse(json.contains("\"kv_type\": null"));
        assertNull(ReportCodec.fromJson(json).config().kvType());
        assertTrue(json.contains("\"kv_type\": \"q8_0\""), "a metric named kv_type is still written");
    }

    @Test
    void keepsIntegersIntegersAndFloatsFloats() {
        SessionReport report = ReportCodec.fromJson(minimal("\"a\": 1, \"b\": 1.0, \"c\": 12345678901, "
                + "\"d\": 123456789012345678901234567890, \"e\": 1e5, \"h\": null, "
                + "\"i\": [1, {\"x\": false}]"));
        Map<String, Object> values = report.turnMetrics().get(0).values();
        assertInstanceOf(Integer.class, values.get("a"));
        assertInstanceOf(Double.class, values.get("b"));
        assertInstanceOf(Long.class, values.get("c"));
        assertInstanceOf(java.math.BigInteger.class, values.get("d"));
        assertEquals(100000.0, values.get("e"));
        assertTrue(values.containsKey("h"));
        assertNull(values.get("h"));
        assertEquals(List.of(1, Map.of("x", false)), values.get("i"));
        String written = ReportCodec.toJson(report);
        assertTrue(written.contains("\"a\": 1,\n      \"b\": 1.0,\n      \"c\": 12345678901,"));
        assertTrue(written.contains("\"e\": 100000.0,\n      \"h\": null,"), written);
    }

    @Test
    void unusableNumbersAreRefusedWithTheirPath() {
        assertProblem("turn_metrics[0].quality_score is NaN", minimal("").replace("\"quality_score\": 0.5}",
                "\"quality_score\": NaN}"));
        assertProblem("turn_metrics[0].quality_score is Infinity", minimal("").replace("\"quality_score\": 0.5}",
                "\"quality_score\": Infinity}"));
        assertProblem("turn_metrics[0].quality_score is 1.0E308, out of range [0, 1]", minimal("")
                .replace("\"quality_score\": 0.5}", "\"quality_score\": 1e308}"));
        assertProblem("turn_metrics[0].tokens_per_s is -Infinity", minimal("\"tokens_per_s\": -Infinity"));
        assertProblem("turn_metrics[0].probe.scores[1] is NaN", minimal("\"probe\": {\"scores\": [1, NaN]}"));
        assertProblem("turn_metrics[0].response_length is 1.0E300, out of range [-1e15, 1e15]",
                minimal("\"response_length\": 1e300"));
        assertProblem("summary.avg_response_length is Infinity", minimal("")
                .replace("\"avg_response_length\": 0.0", "\"avg_response_length\": Infinity"));
        assertTrue(Double.isNaN(ReportCodec.fromJson(minimal("").replace("\"avg_quality_score\": 0.5",
                "\"avg_quality_score\": NaN")).summary().avgQualityScore()), "no turn measured: NaN averages");
    }

    @Test
    void turnNumbersAreOneToTheTotalWithoutDuplicates() {
        assertProblem("turn_metrics[0].turn is 2147483647, out of range [1, 1] (config.total_turns)",
                minimal("").replace("{\"turn\": 1,", "{\"turn\": 2147483647,"));
        assertProblem("turn_metrics[0].turn is 0, out of range [1, 1] (config.total_turns)",
                minimal("").replace("{\"turn\": 1,", "{\"turn\": 0,"));
        String twice = minimal("").replace("\"total_turns\": 1", "\"total_turns\": 2").replace(
                "\"quality_score\": 0.5}]", "\"quality_score\": 0.5}, {\"turn\": 1, \"phase\": \"debug\", "
                        + "\"quality_score\": 0.4}]");
        assertProblem("turn_metrics[1].turn is 1, as is turn_metrics[0].turn: a turn is listed once", twice);
        String answeredAndFailed = minimal("").replace("\"responses\": []", "\"responses\": [], \"failed_turns\": "
                + "[{\"turn\": 1, \"phase\": \"debug\", \"prompt\": \"p\", \"kind\": \"timeout\", \"message\": "
                + "\"m\", \"attempts\": 1, \"elapsed_s\": 1.0}]");
        assertProblem("failed_turns[0].turn is 1, as is turn_metrics[0].turn: a turn is listed once",
                answeredAndFailed);
        assertProblem("config.total_turns is 0, expected at least 1",
                minimal("").replace("\"total_turns\": 1", "\"total_turns\": 0"));
    }

    private static void assertProblem(String problem, String json) {
        ReportFormatException e = assertThrows(ReportFormatException.class, () -> ReportCodec.fromJson(json));
        assertEquals("<json text>: " + problem, e.getMessage());
    }

    @Test
    void readsStatsInAnyOrderAndTurnAndPhaseAnywhere() {
        SessionReport report = ReportCodec.fromJson(minimal("\"tokens_per_s\": 12.5, \"turn_extra\": 1")
                .replace("{\"turn\": 1, \"phase\": \"debug\", ", "{").replace("\"turn_extra\": 1", "\"turn_extra\": 1, "
                        + "\"phase\": \"debug\", \"turn\": 1"));
        TurnMetrics turn = report.turnMetrics().get(0);
        assertEquals(1, turn.turn());
        assertEquals("debug", turn.phase());
        assertEquals(List.of("tokens_per_s", "turn_extra", "quality_score"), List.copyOf(turn.values().keySet()));
    }

    @Test
    void ignoresUnknownTopLevelKeysAndKeepsUnknownConfigKeys() {
        SessionReport report = ReportCodec.fromJson(minimal("").replace("\"config\": {",
                "\"future\": {\"x\": 1}, \"config\": {\"temperature\": 0.7, "));
        assertEquals(Map.of("temperature", 0.7), report.config().extra());
    }

    @Test
    void readsFromAByteStreamNamingTheSource() {
        byte[] bytes = minimal("").getBytes(StandardCharsets.UTF_8);
        assertEquals(1, ReportCodec.read(new ByteArrayInputStream(bytes), "stdin").turnMetrics().size());
        ReportFormatException e = assertThrows(ReportFormatException.class,
                () -> ReportCodec.read(new ByteArrayInputStream(new byte[0]), "stdin"));
        assertEquals("stdin: empty file, expected a JSON report", e.getMessage());
        assertEquals("stdin", e.source());
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.json");
        assertEquals(missing + ": no such file", failure(missing));
        assertEquals(dir + ": is a directory, not a report file", failure(dir));
    }

    @Test
    void namesAnEmptyOrBlankFile() throws IOException {
        assertEquals(file("empty.json", "") + ": empty file, expected a JSON report", failure(dir.resolve("empty.json")));
        assertEquals(file("blank.json", " \n\t") + ": empty file, expected a JSON report",
                failure(dir.resolve("blank.json")));
    }

    @Test
    void namesTruncatedJson() throws IOException {
        String text = minimal("");
        Path file = file("cut.json", text.substring(0, text.length() / 2));
        String message = failure(file);
        assertTrue(message.startsWith(file + ": truncated JSON: input ends at line 1, column "), message);
    }

    @Test
    void namesTextThatIsNotJson() throws IOException {
        Path file = file("notes.txt", "hello world\nsecond line");
        String message = failure(file);
        assertTrue(message.startsWith(file + ": not valid JSON at line 1, column "), message);
        assertFalse(message.contains("\n"), "one line");
        assertEquals(dir.resolve("two.json") + ": extra data after the JSON value at line 1, column 4",
                failure(file("two.json", "{} {}")));
    }

    @Test
    void namesJsonThatIsNotAReport() throws IOException {
        assertEquals(file("list.json", "[1, 2]")
                        + ": not a report: the JSON is a list, expected an object with config, turn_metrics and summary",
                failure(dir.resolve("list.json")));
        assertEquals("<json text>: not a report: no \"summary\"",
                message(() -> ReportCodec.fromJson("{\"config\": {}, \"turn_metrics\": []}")));
        assertEquals("<json text>: not a report: no \"config\"", message(() -> ReportCodec.fromJson("{}")));
        assertEquals("<json text>: turn_metrics is an object, expected a list",
                message(() -> ReportCodec.fromJson(minimal("").replace("\"turn_metrics\": [", "\"turn_metrics\": {\"x\":")
                        .replace("}], \"degradation_alerts\"", "}}, \"degradation_alerts\""))));
    }

    @Test
    void namesTheFieldOfAWrongValue() {
        assertEquals("<json text>: summary.avg_quality_score is \"high\", expected a number",
                message(() -> ReportCodec.fromJson(minimal("").replace("\"avg_quality_score\": 0.5",
                        "\"avg_quality_score\": \"high\""))));
        assertEquals("<json text>: turn_metrics[0].quality_score is missing",
                message(() -> ReportCodec.fromJson(minimal("").replace(", \"quality_score\": 0.5", ""))));
        assertEquals("<json text>: turn_metrics[0].turn is 1.5, expected an integer",
                message(() -> ReportCodec.fromJson(minimal("").replace("\"turn\": 1,", "\"turn\": 1.5,"))));
        assertEquals("<json text>: summary.total_hallucinated_references is 2.0, expected an integer",
                message(() -> ReportCodec.fromJson(minimal("").replace("\"total_hallucinated_references\": 0",
                        "\"total_hallucinated_references\": 2.0"))));
        assertEquals("<json text>: config.model is 3, expected a string",
                message(() -> ReportCodec.fromJson(minimal("").replace("\"model\": \"m\"", "\"model\": 3"))));
    }

    @Test
    void refusesANewerFormatAndAcceptsTheCurrentOne() {
        String current = minimal("").replaceFirst("\\}$", ", \"longhaul_report\": 1}");
        assertEquals(1, ReportCodec.fromJson(current).turnMetrics().size());
        assertEquals("<json text>: report format 2 is newer than this longhaul reads (up to 1); upgrade longhaul",
                message(() -> ReportCodec.fromJson(current.replace("\"longhaul_report\": 1", "\"longhaul_report\": 2"))));
        assertEquals("<json text>: longhaul_report is \"1\", expected an integer",
                message(() -> ReportCodec.fromJson(current.replace("\"longhaul_report\": 1", "\"longhaul_report\": \"1\""))));
    }

    @Test
    void seedReportsWithoutOurKeysReadAsHavingNoFailures() {
        SessionReport report = ReportCodec.fromJson(minimal(""));
        assertEquals(List.of(), report.failedTurns());
        assertEquals(0, report.summary().failedTurns());
    }

    /** A seed-shaped report with one turn; {@code more} goes into that turn's metrics. */
    private static String minimal(String more) {
        return "{\"config\": {\"backend\": \"ollama\", \"model\": \"m\", \"kv_type\": \"f16\", \"total_turns\": 1, "
                + "\"history_window\": 20, \"timestamp\": \"t\"}, "
                + "\"turn_metrics\": [{\"turn\": 1, \"phase\": \"debug\", " + (more.isEmpty() ? "" : more + ", ")
                + "\"quality_score\": 0.5}], \"degradation_alerts\": [], "
                + "\"summary\": {\"avg_quality_score\": 0.5, \"min_quality_score\": 0.5, \"max_quality_score\": 0.5, "
                + "\"total_degradation_events\": 0, \"first_degradation_turn\": null, \"avg_response_length\": 0.0, "
                + "\"total_hallucinated_references\": 0, \"avg_repetition_ratio\": 0.0}, \"responses\": []}";
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String failure(Path file) {
        return message(() -> ReportCodec.read(file));
    }

    private static String message(org.junit.jupiter.api.function.Executable read) {
        return assertThrows(ReportFormatException.class, read).getMessage();
    }
}
