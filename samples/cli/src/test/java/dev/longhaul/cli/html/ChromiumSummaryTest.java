package dev.longhaul.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.cli.Main;
import dev.longhaul.cli.html.RenderedDom.Element;
import dev.longhaul.report.PythonFormat;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a real A/B — {@code ab} on the bundled model in-process, f16 against q4_0 — opened in headless
 * Chromium: the summary is the first section and shows what comparison.json says, the fidelity charts draw every
 * turn's figure, and an arm's answer is marked where it first departed. Skipped without Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumSummaryTest {

    private static final int TURNS = 3;

    @TempDir
    static Path dir;

    private HeadlessChromium chromium;
    private Element dom;
    private JsonNode summary;
    private SessionReport q4;

    @BeforeAll
    void playTheStudyAndLoadItsPage() throws Exception {
        chromium = HeadlessChromium.find(dir).orElse(null);
        if (chromium == null) {
            return;
        }
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[]{"ab", "--kv-types", "f16,q4_0", "--turns", String.valueOf(TURNS),
            "--max-tokens", "24", "--threads", "2", "--quiet", "--output-dir", dir.resolve("ab").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        summary = new ObjectMapper().readTree(dir.resolve("ab/comparison.json").toFile()).get("summary");
        q4 = ReportCodec.read(dir.resolve("ab/q4_0.json"));
        dom = RenderedDom.parse(chromium.dumpDom(dir.resolve("ab/report.html")));
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed (apt-get install chromium): the browser test is skipped");
    }

    @Test
    void theSummaryComesFirstWithTheFiguresOfComparisonJson() {
        List<Element> sections = dom.find(e -> e.name.equals("section"));
        assertEquals("summary", sections.get(0).attr("id"), "the first section");
        Element table = sections.get(0).find(e -> e.name.equals("table") && e.hasClass("summary")).get(0);
        for (JsonNode arm : summary.get("arms")) {
            Element row = table.find(e -> e.name.equals("tr") && arm.get("arm").asText().equals(e.attr("data-series")))
                    .get(0);
            List<String> cells = row.find(e -> e.name.equals("td")).stream().map(Element::textContent).toList();
            String mib = PythonFormat.repr(arm.get("kv_cache").get("mib").asDouble());
            assertTrue(cells.get(1).startsWith(mib), cells + " against " + arm);
            assertTrue(cells.get(2).startsWith(String.format(java.util.Locale.ROOT, "%.1f",
                    arm.get("decode_tokens_per_s").get("median").asDouble())), cells.toString());
        }
        assertEquals("6.75 (\u221272 %)", table.find(e -> "q4_0".equals(e.attr("data-series"))).get(0)
                .find(e -> e.name.equals("td")).get(1).textContent(), "as llama.cpp logged it");
        String sentence = summary.get("arms").get(1).get("sentence").asText();
        assertEquals(sentence, sections.get(0).find(e -> e.hasClass("sentence")).get(0).textContent());
    }

    @Test
    void theFidelityChartsDrawEveryTurnOfTheArm() {
        for (String id : List.of("kld_mean", "kld_by_depth")) {
            Element chart = dom.find(e -> e.name.equals("svg") && id.equals(e.attr("data-chart"))).get(0);
            Element series = chart.find(e -> e.hasClass("series") && "q4_0".equals(e.attr("data-series"))).get(0);
            List<Double> drawn = series.find(e -> e.hasClass("point")).stream()
                    .map(p -> Double.valueOf(p.attr("data-value"))).toList();
            assertEquals(q4.turnMetrics().stream().map(t -> t.number("kld_mean").doubleValue()).toList(), drawn, id);
        }
    }

    @Test
    void anAnswerThatDepartedIsMarkedWhereItDid() {
        for (TurnMetrics t : q4.turnMetrics()) {
            Element turn = dom.find(e -> e.name.equals("details") && String.valueOf(t.turn()).equals(e.attr("data-turn")))
                    .get(0);
            Element answer = turn.find(e -> e.hasClass("answer") && "q4_0".equals(e.attr("data-series"))).get(0);
            List<Element> marks = answer.find(e -> e.name.equals("mark") && e.hasClass("divergence"));
            Object departed = t.values().get("first_divergence_token");
            assertEquals(departed == null ? 0 : 1, marks.size(), "turn " + t.turn());
            if (departed != null) {
                assertEquals(String.valueOf(departed), marks.get(0).attr("data-token"));
            }
        }
    }
}
