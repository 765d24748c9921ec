package dev.longhaul.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.cli.Main;
import dev.longhaul.cli.html.RenderedDom.Element;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.script.Phase;
import dev.longhaul.script.Script;
import dev.longhaul.session.LongSession;
import dev.longhaul.testing.ScriptedBackend;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real browser: {@code longhaul report} renders three runs of the scripted backend
 * (one degrading, two with failed turns, answers, a phase name and a run label full of markup), headless Chromium
 * loads the page, and the DOM it built is checked — charts, alerts, failures, collapsed turns — along with proof
 * that no injected script ran. Skipped when Chromium is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumReportTest {

    /** Would add {@code <p id="pwned">} and retitle the page if it ran. */
    private static final String MARKER = "<script>document.title='PWNED';"
            + "document.body.insertAdjacentHTML('beforeend','<p id=\"pwned\">script ran</p>')</script>";
    private static final String PAYLOAD = MARKER + "</svg></pre></details></main>"
            + "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
            + "<svg onload=\"document.body.setAttribute('data-pwned','svg')\"></svg>";
    private static final String HOSTILE_PHASE = "debug</svg><img src=x onerror=\"document.title='PWNED'\">";
    private static final String HOSTILE_LABEL = "q4\"<b>";
    private static final int TURNS = 12;
    private static final Path SCREENSHOT = Path.of("target", "chromium", "report.png");

    @TempDir
    static Path dir;

    private HeadlessChromium chromium;
    private List<SessionReport> reports;
    private Path page;
    private Element dom;

    @BeforeAll
    void renderAndLoadThePage() throws Exception {
        chromium = HeadlessChromium.find(dir).orElse(null);
        if (chromium == null) {
            return;
        }
        reports = List.of(
                run("f16", new ScriptedBackend(Set.of(), Integer.MAX_VALUE, "f16"), Set.of(2, 9)),
                run("q8_0", new ScriptedBackend(Set.of(5), 9, "q8_0"), Set.of(10)),
                run(HOSTILE_LABEL, new ScriptedBackend(Set.of(3, 4), Integer.MAX_VALUE, HOSTILE_LABEL), Set.of(1)));
        List<String> args = new ArrayList<>(List.of("report"));
        for (int i = 0; i < reports.size(); i++) {
            Path file = dir.resolve("run" + i + ".json");
            ReportCodec.write(reports.get(i), file);
            args.add(file.toString());
        }
        page = dir.resolve("report.html");
        args.addAll(List.of("--html", page.toString(), "--markdown", dir.resolve("summary.md").toString(),
                "--csv", dir.resolve("turns.csv").toString()));
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err)),
                err.toString());
        dom = RenderedDom.parse(chromium.dumpDom(page));
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed (apt-get install chromium): the browser test is skipped");
    }

    @Test
    void theBrowserWouldHaveRunTheMarkerHadItBeenMarkup() throws Exception {
        Path raw = dir.resolve("raw.html");
        Files.writeString(raw, "<!DOCTYPE html><html><head><title>control</title></head><body>" + MARKER + "</body></html>");

        Element control = RenderedDom.parse(chromium.dumpDom(raw));

        assertEquals("PWNED", documentTitle(control), "the control page's script did not run");
        assertEquals(1, control.find(e -> "pwned".equals(e.attr("id"))).size());
    }

    @Test
    void noInjectedScriptRanAndNoInjectedMarkupExists() {
        assertEquals("longhaul report: f16 vs q8_0 vs " + HOSTILE_LABEL, documentTitle(dom));
        assertTrue(dom.find(e -> "pwned".equals(e.attr("id"))).isEmpty(), "the injected script ran");
        assertNull(only(dom, "body").attr("data-pwned"), "an injected event handler ran");
        assertTrue(dom.find(e -> e.name.equals("script") || e.name.equals("img")).isEmpty(), "injected elements");
        for (Element element : dom.all().toList()) {
            for (String attribute : element.attributes.keySet()) {
                assertFalse(attribute.startsWith("on"), "<" + element.name + " " + attribute + "> from an answer");
            }
        }
        String saved = reports.get(0).responses().get(1).response();
        assertTrue(saved.startsWith("\n") && saved.endsWith("\n" + PAYLOAD), saved);
        assertEquals(saved, answerText(turn(2), "f16"), "the answer shows as text, exactly");
        assertEquals(4, dom.find(e -> e.name.equals("svg")).size(), "only the four charts are svg");
        Element phaseBand = dom.find(e -> e.hasClass("band") && HOSTILE_PHASE.equals(e.attr("data-phase"))).get(0);
        assertEquals("quality", phaseBand.ancestor("svg").attr("data-chart"));
    }

    @Test
    void everyChartHasOneSeriesPerRunAndOnePointPerAnsweredTurn() {
        for (String id : List.of("quality", "response_length", "tokens_per_s", "prompt_tokens")) {
            Element chart = chart(id);
            List<Element> series = chart.find(e -> e.name.equals("g") && e.hasClass("series"));
            assertEquals(List.of("f16", "q8_0", HOSTILE_LABEL), series.stream().map(s -> s.attr("data-series")).toList(), id);
            for (int i = 0; i < reports.size(); i++) {
                List<Integer> expected = reports.get(i).turnMetrics().stream().map(TurnMetrics::turn).toList();
                List<Integer> drawn = series.get(i).find(e -> e.name.equals("circle") && e.hasClass("point")).stream()
                        .map(p -> Integer.valueOf(p.attr("data-turn"))).toList();
                assertEquals(expected, drawn, id + " " + series.get(i).attr("data-series"));
            }
        }
        Element q8 = chart("quality").find(e -> "q8_0".equals(e.attr("data-series")) && e.hasClass("series")).get(0);
        List<Double> scores = q8.find(e -> e.hasClass("point")).stream().map(p -> Double.valueOf(p.attr("data-value"))).toList();
        assertEquals(reports.get(1).turnMetrics().stream().map(TurnMetrics::qualityScore).toList(), scores);
    }

    @Test
    void alertsAndFailedTurnsAreMarkedWhereTheReportsHaveThem() {
        Element quality = chart("quality");
        Set<String> expectedAlerts = new TreeSet<>();
        Set<String> expectedFailures = new TreeSet<>();
        for (int i = 0; i < reports.size(); i++) {
            String label = reports.get(i).label();
            for (DegradationAlert alert : reports.get(i).degradationAlerts()) {
                expectedAlerts.add(label + "@" + alert.turn());
            }
            for (FailedTurn failed : reports.get(i).failedTurns()) {
                expectedFailures.add(label + "@" + failed.turn());
            }
        }
        assertFalse(expectedAlerts.isEmpty(), "the degrading run raised no alert");
        assertEquals(Set.of("q8_0@5", HOSTILE_LABEL + "@3", HOSTILE_LABEL + "@4"), expectedFailures);
        assertEquals(expectedAlerts, marks(quality, "alert"));
        assertEquals(expectedFailures, marks(quality, "failed"));
        for (Element alert : quality.find(e -> e.hasClass("alert"))) {
            Element point = quality.find(e -> e.hasClass("point") && alert.attr("data-turn").equals(e.attr("data-turn"))
                    && e.ancestor("g").attr("data-series").equals(alert.attr("data-series"))).get(0);
            Element ring = alert.find(e -> e.name.equals("circle")).get(0);
            assertEquals(point.attr("cx") + "," + point.attr("cy"), ring.attr("cx") + "," + ring.attr("cy"),
                    "alert ring on its point");
        }
    }

    @Test
    void everyTurnIsCollapsedWithThePromptAndEachRunsAnswerSideBySide() {
        List<Element> turns = dom.find(e -> e.name.equals("details") && e.hasClass("turn"));
        assertEquals(TURNS, turns.size());
        turns.forEach(t -> assertNull(t.attr("open"), "turn " + t.attr("data-turn") + " is open"));
        Element turn5 = turn(5);
        assertEquals(List.of("f16", "q8_0", HOSTILE_LABEL),
                turn5.find(e -> e.hasClass("answer")).stream().map(a -> a.attr("data-series")).toList());
        assertTrue(turn5.textContent().contains("No answer: server_error after 1 attempt"), turn5.textContent());
        assertTrue(turn(1).textContent().contains("Prompt 1 of the code_gen phase"));
    }

    @Test
    void aScreenshotIsSaved() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        chromium.screenshot(page, SCREENSHOT, 1400, 2400);

        try (InputStream in = Files.newInputStream(SCREENSHOT); DataInputStream png = new DataInputStream(in)) {
            byte[] signature = png.readNBytes(8);
            assertEquals("\u0089PNG\r\n\u001a\n", new String(signature, java.nio.charset.StandardCharsets.ISO_8859_1));
            png.readInt();
            assertEquals("IHDR", new String(png.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals(1400, png.readInt());
            assertEquals(2400, png.readInt());
        }
        assertTrue(Files.size(SCREENSHOT) > 20_000, "a blank page? " + Files.size(SCREENSHOT) + " bytes");
    }

    private SessionReport run(String kv, ScriptedBackend inner, Set<Integer> payloadTurns) throws Exception {
        Backend backend = new Backend() {
            private int turn;

            @Override
            public ChatResponse chat(ChatRequest request) throws BackendException {
                turn++;
                ChatResponse answer = inner.chat(request);
                if (!payloadTurns.contains(turn)) {
                    return answer;
                }
                return new ChatResponse("\n" + answer.content() + "\n" + PAYLOAD, answer.finishReason(), answer.stats(),
                        answer.extra());
            }

            @Override
            public BackendInfo info() {
                return inner.info();
            }
        };
        return LongSession.builder().backend(backend, "scripted").kvType(kv).script(script()).turns(TURNS)
                .historyWindow(4).delay(Duration.ZERO).saveResponses(true).run();
    }

    private static Script script() {
        return new Script("chromium-test", List.of(phase("code_gen"), phase(HOSTILE_PHASE), phase("refactor")));
    }

    private static Phase phase(String name) {
        List<String> prompts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            prompts.add("Prompt " + i + " of the " + name + " phase: write a Python function with a test.");
        }
        return new Phase(name, prompts);
    }

    private Element chart(String id) {
        List<Element> charts = dom.find(e -> e.name.equals("svg") && id.equals(e.attr("data-chart")));
        assertEquals(1, charts.size(), id);
        return charts.get(0);
    }

    private Element turn(int number) {
        return dom.find(e -> e.name.equals("details") && Integer.toString(number).equals(e.attr("data-turn"))).get(0);
    }

    private static String answerText(Element turn, String label) {
        Element answer = turn.find(e -> e.hasClass("answer") && label.equals(e.attr("data-series"))).get(0);
        return answer.find(e -> e.name.equals("pre")).get(0).textContent();
    }

    private static Set<String> marks(Element chart, String kind) {
        Set<String> marks = new TreeSet<>();
        chart.find(e -> e.name.equals("g") && e.hasClass(kind)).forEach(m -> marks.add(m.attr("data-series") + "@" + m.attr("data-turn")));
        return marks;
    }

    private static String documentTitle(Element root) {
        List<Element> titles = only(root, "head").find(e -> e.name.equals("title"));
        assertEquals(1, titles.size());
        return titles.get(0).textContent();
    }

    private static Element only(Element root, String name) {
        List<Element> found = root.find(e -> e.name.equals(name));
        assertEquals(1, found.size(), name);
        assertNotNull(found.get(0));
        return found.get(0);
    }
}
