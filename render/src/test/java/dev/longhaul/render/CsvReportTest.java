package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    private static final SessionReport F16 = Runs.run("f16", Runs.scores(3, 0.8), Set.of(), Set.of());
    private static final SessionReport Q8 = Runs.run("q8_0", new double[]{0.8, 0.8, 0.55}, Set.of(2), Set.of(3));

    @Test
    void oneRowPerTurnAndRunWithEveryMetric() {
        List<List<String>> rows = parse(CsvReport.render(ReportSet.of(List.of(F16, Q8))));

        assertEquals(List.of("run", "turn", "phase", "status", "response_length", "has_code_blocks", "quality_score",
                "tokens_per_s", "prompt_eval_count", "degradation_window_avg", "degradation_drop", "failure_kind",
                "failure_attempts", "failure_message"), rows.get(0));
        assertEquals(1 + 3 + 3, rows.size());
        assertEquals(List.of("f16", "1", "code_gen", "answered", "101", "false", "0.8", "51.0", "100", "", "", "", "", ""),
                rows.get(1));
        assertEquals(List.of("q8_0", "2", "code_gen", "failed", "", "", "", "", "", "", "", "timeout", "3",
                "no answer within 120 s"), rows.get(5));
        assertEquals(List.of("q8_0", "3", "code_gen", "answered", "103", "false", "0.55", "53.0", "300", "0.75", "0.2",
                "", "", ""), rows.get(6));
    }

    @Test
    void quotesCommasQuotesAndLineBreaksAndDefusesFormulas() {
        List<FailedTurn> failed = new ArrayList<>();
        failed.add(new FailedTurn(4, "=cmd|' /C calc'!A0", "p", FailureKind.SERVER_ERROR, "HTTP 500, body: \"bad\"\nline 2", 1, 0.1));
        SessionReport run = new SessionReport(F16.config(), F16.turnMetrics(), List.of(), F16.summary(), List.of(), failed);

        String csv = CsvReport.render(ReportSet.of(List.of(run)));

        assertEquals("f16,4,'=cmd|' /C calc'!A0,failed,,,,,,,,server_error,1,\"HTTP 500, body: \"\"bad\"\"\nline 2\"\r\n",
                csv.substring(csv.indexOf("f16,4,")));
        List<List<String>> rows = parse(csv);
        assertEquals("HTTP 500, body: \"bad\"\nline 2", rows.get(4).get(13));
    }

    @Test
    void columnsComeInTheDocumentedOrderWhateverOrderTheTurnsListThem() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fenced_blocks", 2);
        values.put("kld_mean", 0.01);
        values.put("ttft_s", 0.2);
        values.put("quality_score", 0.7);
        values.put("response_length", 90);
        SessionReport run = new SessionReport(F16.config(), List.of(new TurnMetrics(1, "code_gen", values)), List.of(),
                F16.summary(), List.of(), List.of());

        List<List<String>> rows = parse(CsvReport.render(ReportSet.of(List.of(run))));

        assertEquals(List.of("run", "turn", "phase", "status", "response_length", "quality_score", "ttft_s", "kld_mean",
                "degradation_window_avg", "degradation_drop", "failure_kind", "failure_attempts", "failure_message",
                "fenced_blocks"), rows.get(0), "the seed's, longhaul's, the events, then the scorer's extras");
        assertEquals(List.of("f16", "1", "code_gen", "answered", "90", "0.7", "0.2", "0.01", "", "", "", "", "", "2"),
                rows.get(1));
    }

    @Test
    void negativeNumbersAreNotTakenForFormulas() {
        SessionReport run = Runs.run("f16", new double[]{-0.25}, Set.of(), Set.of());
        assertEquals("-0.25", parse(CsvReport.render(ReportSet.of(List.of(run)))).get(1).get(6));
    }

    /** RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks; rows end in CRLF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
