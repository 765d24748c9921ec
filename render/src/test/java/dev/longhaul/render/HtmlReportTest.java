package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final SessionReport F16 = Runs.run("f16", Runs.scores(10, 0.8), Set.of(), Set.of());
    private static final SessionReport Q8 = Runs.run("q8_0",
            new double[]{0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.5, 0.8, 0.8, 0.8}, Set.of(4), Set.of(7));

    @Test
    void markupInAnswersPromptsPhasesMessagesAndLabelsStaysText() {
        SessionReport hostile = Runs.withAnswers(Runs.run("x\"><svg onload=alert(1)>", Runs.scores(3, 0.7), Set.of(2),
                Set.of()), Map.of(1, Runs.PAYLOAD, 3, "```\n" + Runs.PAYLOAD + "\n```"));
        String html = HtmlReport.render(ReportSet.of(List.of(F16, hostile)));

        assertFalse(html.toLowerCase().contains("<script"), "a script element");
        assertFalse(html.contains("<img"), "an img element");
        assertFalse(html.contains("<b "), "a b element from an answer");
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            String attributeNames = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
            assertFalse(attributeNames.matches("(?s).*\\son\\w+=.*"), "an event handler: " + tags.group());
        }
        assertEquals(4, count(html, "<svg"), "only the four charts open an svg");
        assertEquals(4, count(html, "</svg>"), "an answer's </svg> closed a chart");
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;&lt;/svg&gt;&lt;img src=x "
                + "onerror=&quot;alert(1)&quot;&gt;&lt;b onmouseover=&#39;x&#39;&gt;&amp;amp;"), "the answer as text");
        assertTrue(html.contains("data-series=\"x&quot;&gt;&lt;svg onload=alert(1)&gt;\""), "the label as attribute");
    }

    @Test
    void everyTurnListsAllItsMetricsIncludingAScorersOwn() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16)));

        String turn2 = html.substring(html.indexOf("id=\"turn-2\""), html.indexOf("id=\"turn-3\""));
        assertTrue(turn2.contains("<table class=\"metrics\"><caption>All metrics (5)</caption>"), turn2);
        assertTrue(turn2.contains("<tr data-metric=\"has_code_blocks\"><th>has_code_blocks</th><td>true</td></tr>"), turn2);
        assertTrue(turn2.contains("<tr data-metric=\"prompt_eval_count\"><th>prompt_eval_count</th><td>200</td></tr>"), turn2);
    }

    @Test
    void thePageLoadsNothingAndRunsNothing() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16, Q8)));

        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\">"));
        assertFalse(html.contains(" src="), "nothing embedded from elsewhere");
        assertFalse(html.contains("<link"), "no style sheet file");
        assertFalse(html.contains("url("), "no CSS resource");
        Matcher hrefs = Pattern.compile(" href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertTrue(hrefs.group(1).startsWith("#turn-"), "a link leaves the page: " + hrefs.group(1));
        }
    }

    @Test
    void eachChartHasOneSeriesPerRunWithOnePointPerAnsweredTurn() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16, Q8)));

        for (String chart : List.of("quality", "response_length", "tokens_per_s", "prompt_tokens")) {
            String svg = chart(html, chart);
            assertEquals(List.of("f16", "q8_0"), attributes(svg, "g class=\"series\"", "data-series"), chart);
            assertEquals(List.of("10", "9"), attributes(svg, "g class=\"series\"", "data-points"), chart);
        }
        String quality = chart(html, "quality");
        assertEquals(List.of("1", "2", "3", "5", "6", "7", "8", "9", "10"), turns(series(quality, "q8_0")));
        assertTrue(series(quality, "q8_0").contains("data-turn=\"7\" data-value=\"0.5\""));
        assertEquals(List.of("101.0", "102.0", "103.0", "105.0"),
                values(series(chart(html, "response_length"), "q8_0")).subList(0, 4));
    }

    @Test
    void aFailedTurnBreaksTheLineAndIsMarkedOnEveryChart() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16, Q8)));

        String path = series(chart(html, "quality"), "q8_0").replaceAll("(?s).*<path class=\"line\" d=\"([^\"]*)\".*", "$1");
        assertEquals(2, count(path, "M"), "one piece before turn 4, one after: " + path);
        for (String chart : List.of("quality", "response_length", "tokens_per_s", "prompt_tokens")) {
            assertEquals(List.of("q8_0"), attributes(chart(html, chart), "g class=\"failed\"", "data-series"));
            assertEquals(List.of("4"), attributes(chart(html, chart), "g class=\"failed\"", "data-turn"));
        }
        assertTrue(html.contains("timeout after 3 attempts: no answer within 120 s"));
    }

    @Test
    void alertsAreMarkedOnTheQualityChartAtTheirPoint() {
        String quality = chart(HtmlReport.render(ReportSet.of(List.of(F16, Q8))), "quality");

        assertEquals(List.of("q8_0"), attributes(quality, "g class=\"alert\"", "data-series"));
        assertEquals(List.of("7"), attributes(quality, "g class=\"alert\"", "data-turn"));
        String alert = quality.replaceAll("(?s).*(<g class=\"alert\".*?</g>).*", "$1");
        String point = series(quality, "q8_0").replaceAll("(?s).*data-turn=\"7\"[^>]*(cx=\"[^\"]*\" cy=\"[^\"]*\").*", "$1");
        assertTrue(alert.contains(point), "the alert ring sits on the point " + point + ": " + alert);
    }

    @Test
    void anAlertUnderContextPressureSaysSo() {
        SessionReport pressed = new SessionReport(Q8.config(), Q8.turnMetrics(),
                List.of(Q8.degradationAlerts().get(0).withContextPressure()), Q8.summary(), Q8.responses(),
                Q8.failedTurns());

        String html = HtmlReport.render(ReportSet.of(List.of(F16, pressed)));

        assertTrue(html.contains("<td>0.200 <span class=\"warn\">context pressure</span></td>"), html);
        assertTrue(html.contains("<p class=\"note\">Context pressure: "));
        assertFalse(HtmlReport.render(ReportSet.of(List.of(F16, Q8))).contains("Context pressure"));
    }

    @Test
    void phasesAreShadedAsTheScriptRan() {
        String quality = chart(HtmlReport.render(ReportSet.of(List.of(F16, Q8))), "quality");

        assertEquals(List.of("code_gen", "debug"), attributes(quality, "g class=\"band\"", "data-phase"));
        assertEquals(List.of("1", "6"), attributes(quality, "g class=\"band\"", "data-from"));
        assertEquals(List.of("5", "10"), attributes(quality, "g class=\"band\"", "data-to"));
    }

    @Test
    void promptTokensAreDrawnUnderTheContextSizeOfEachTurnOrOfTheRun() {
        String shared = chart(HtmlReport.render(ReportSet.of(List.of(F16, Q8))), "prompt_tokens");
        assertEquals(List.of("context size"), attributes(shared, "g class=\"reference\"", "data-series"));
        assertTrue(shared.contains("context size: 4096 tokens"), shared);

        SessionReport perTurn = Runs.run("q4_0", Runs.scores(3, 0.8), Set.of(), Set.of(), Map.of("context_size", 4096));
        List<dev.longhaul.report.TurnMetrics> turns = new ArrayList<>();
        for (dev.longhaul.report.TurnMetrics t : perTurn.turnMetrics()) {
            Map<String, Object> values = new LinkedHashMap<>(t.values());
            values.put("context_size", 1000 * t.turn());
            turns.add(new dev.longhaul.report.TurnMetrics(t.turn(), t.phase(), values));
        }
        SessionReport own = new SessionReport(perTurn.config(), turns, List.of(), perTurn.summary(), List.of(), List.of());
        String separate = chart(HtmlReport.render(ReportSet.of(List.of(F16, own))), "prompt_tokens");
        assertEquals(List.of("context size (f16)", "context size (q4_0)"),
                attributes(separate, "g class=\"reference\"", "data-series"));
        assertTrue(separate.contains("context size (q4_0): 3000 tokens"), "the last turn's own size wins over the run's");
    }

    @Test
    void everyTurnIsCollapsedWithItsPromptAndEachRunsAnswer() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16, Q8)));

        List<String> turns = new ArrayList<>();
        Matcher details = Pattern.compile("(?s)<details class=\"turn\"([^>]*)>(.*?)</details>").matcher(html);
        while (details.find()) {
            assertFalse(details.group(1).contains("open"), "turn opened: " + details.group(1));
            turns.add(details.group(2));
        }
        assertEquals(10, turns.size());
        String fourth = turns.get(3);
        assertTrue(fourth.contains("<pre>\nPrompt 4</pre>"), fourth);
        assertTrue(fourth.contains("<pre>\n" + Runs.answer("f16", 4) + "</pre>"), fourth);
        assertTrue(fourth.contains("No answer: timeout after 3 attempts"), fourth);
        String seventh = turns.get(6);
        assertTrue(seventh.contains("q8_0 degraded"), seventh);
        assertTrue(seventh.indexOf("data-series=\"f16\"") < seventh.indexOf("data-series=\"q8_0\""), "side by side in run order");
    }

    @Test
    void comparisonShowsTheSeedsTableAndVerdictAndAnyNewKeys() {
        String html = HtmlReport.render(ReportSet.of(List.of(F16, Q8)));
        assertTrue(html.contains("<p class=\"verdict\" data-key=\"verdict\"><span class=\"name\">Verdict:</span> "
                + "No significant quality difference</p>"), html);
        assertTrue(html.contains("<tr data-key=\"avg_quality\"><td>Avg Quality Score</td><td>0.800</td><td>0.767</td></tr>"));
        assertTrue(html.contains("<tr data-key=\"failed_turns\"><td>Failed Turns</td><td>0</td><td>1</td></tr>"));

        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("labels", List.of("f16", "q8_0"));
        comparison.put("seed_verdict", "No significant quality difference");
        comparison.put("quality_delta_interval", List.of(-0.081, 0.004));
        comparison.put("metrics", Map.of("quality_score", Map.of("delta", -0.0385)));
        comparison.put("verdict", "<b>No significant difference</b>");
        String extended = HtmlReport.render(new ReportSet(List.of(new Arm("f16", F16), new Arm("q8_0", Q8)),
                List.of(comparison)));
        assertTrue(extended.contains("<span class=\"name\">Verdict:</span> &lt;b&gt;No significant difference&lt;/b&gt;</p>\n"
                + "<p class=\"verdict\" data-key=\"seed_verdict\"><span class=\"name\">Seed verdict:</span> No significant"
                + " quality difference</p>\n<p class=\"verdict\" data-key=\"quality_delta_interval\"><span class=\"name\">"
                + "Quality delta interval:</span> [-0.081, 0.004]</p>"), extended);
        assertTrue(extended.contains("<tr data-key=\"metrics\"><td>quality_score</td><td>-0.0385</td></tr>"), extended);
    }

    @Test
    void oneRunHasNoComparison() {
        String html = HtmlReport.render(ReportSet.of(List.of(Q8)));

        assertFalse(html.contains("id=\"comparison\""));
        assertEquals(List.of("q8_0"), attributes(chart(html, "quality"), "g class=\"series\"", "data-series"));
        assertTrue(html.contains("<title>longhaul report: q8_0</title>"));
    }

    @Test
    void writeLeavesOnlyThePage(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("report.html");
        ReportSet set = ReportSet.of(List.of(F16, Q8));

        HtmlReport.write(set, page);

        assertEquals(HtmlReport.render(set), Files.readString(page));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(page), files.toList());
        }
    }

    private static String chart(String html, String id) {
        Matcher m = Pattern.compile("(?s)<svg class=\"chart\" data-chart=\"" + id + "\".*?</svg>").matcher(html);
        assertTrue(m.find(), "no chart " + id);
        return m.group();
    }

    private static String series(String svg, String label) {
        Matcher m = Pattern.compile("(?s)<g class=\"series\" data-series=\"" + Pattern.quote(label) + "\".*?</g>")
                .matcher(svg);
        assertTrue(m.find(), "no series " + label);
        return m.group();
    }

    private static List<String> attributes(String markup, String tagStart, String attribute) {
        List<String> values = new ArrayList<>();
        Matcher tags = Pattern.compile("<" + tagStart + "[^>]*>").matcher(markup);
        while (tags.find()) {
            Matcher value = Pattern.compile(" " + attribute + "=\"([^\"]*)\"").matcher(tags.group());
            if (value.find()) {
                values.add(value.group(1));
            }
        }
        return values;
    }

    private static List<String> turns(String series) {
        return attributes(series, "circle class=\"point\"", "data-turn");
    }

    private static List<String> values(String series) {
        return attributes(series, "circle class=\"point\"", "data-value");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
