package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.ParityResources;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection, summaries, comparisons and text renderings against what the seed's own functions produced for the
 * same turn metrics (src/test/resources/parity/reports). Rounded values must match exactly.
 */
class AnalysisParityTest {

    /** Every case with its report file: the seed's cases and ours. */
    static Stream<Arguments> reports() {
        List<Arguments> all = new ArrayList<>();
        ParityResources.names("seed_cases").forEach(n -> all.add(Arguments.of(n, n + ".seed.json")));
        ParityResources.names("ours_cases").forEach(n -> all.add(Arguments.of(n, n + ".ours.json")));
        return all.stream();
    }

    static Stream<Arguments> printableReports() {
        List<Arguments> all = new ArrayList<>();
        ParityResources.names("seed_cases").forEach(n -> all.add(Arguments.of(n, n + ".seed.json")));
        ParityResources.index().get("ours_cases").forEach(c -> {
            if (c.get("text").asBoolean()) {
                all.add(Arguments.of(c.get("name").asText(), c.get("name").asText() + ".ours.json"));
            }
        });
        return all.stream();
    }

    static Stream<Arguments> pairs() {
        List<Arguments> all = new ArrayList<>();
        ParityResources.index().get("pairs").forEach(p -> all.add(
                Arguments.of(p.get("a").asText(), p.get("b").asText(), p.get("stem").asText())));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void detectsTheSeedsAlerts(String name, String file) {
        SessionReport report = ParityResources.report(file);
        assertEquals(report.degradationAlerts(), new DegradationDetector().detect(report.turnMetrics()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void detectsTheSeedsAlertsWithOtherWindowsAndThresholds(String name, String file) {
        SessionReport report = ParityResources.report(file);
        JsonNode variants = ParityResources.json("detector-variants.json").get(name);
        assertFalse(variants.isEmpty());
        variants.properties().forEach(variant -> {
            String[] parameters = variant.getKey().split("/");
            DegradationDetector detector = new DegradationDetector(Integer.parseInt(parameters[0]),
                    Double.parseDouble(parameters[1]));
            assertEquals(alerts(variant.getValue()), detector.detect(report.turnMetrics()), variant.getKey());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void summarisesAsTheSeed(String name, String file) {
        if (ParityResources.names("edited_summaries").contains(name)) {
            return; // comparison fixtures: their summary was set by hand
        }
        SessionReport report = ParityResources.report(file);
        assertEquals(report.summary(),
                Summaries.of(report.turnMetrics(), report.degradationAlerts(), report.failedTurns().size())
                        .seedRounded());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printableReports")
    void rendersThePrintReportText(String name, String file) {
        assertEquals(ParityResources.text(name + ".report.txt"), ReportText.render(ParityResources.report(file)));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("pairs")
    void comparesAsTheSeed(String a, String b, String stem) {
        Comparison comparison = Comparison.of(ours(a), ours(b));
        assertEquals(ParityResources.text(stem + ".txt"), withoutFailedTurnsRow(comparison));
        assertEquals(ParityResources.text(stem + ".json"), ComparisonJson.toJson(comparison));
    }

    /** The unmodified seed read our files: its output is ours with the separator glyph it lost taken out. */
    @ParameterizedTest(name = "{2}")
    @MethodSource("pairs")
    void theSeedReadsOurReports(String a, String b, String stem) {
        String ourText = withoutFailedTurnsRow(Comparison.of(ours(a), ours(b)));
        assertEquals(ParityResources.text(stem + ".seed-cli.txt"), ourText.replace("\u2500".repeat(60), ""));
    }

    /** Our text less the documented "Failed Turns" row, which must be there exactly when a run has failures. */
    private static String withoutFailedTurnsRow(Comparison comparison) {
        String text = ComparisonText.render(comparison);
        Pair<Integer> failed = comparison.failedTurns();
        String row = String.format("%-30s %15d %15d\n", "Failed Turns", failed.a(), failed.b());
        assertEquals(failed.a() > 0 || failed.b() > 0, text.contains(row), "Failed Turns row");
        return text.replace(row, "");
    }

    /** Our file of a case: the stored one, or what we write for the seed's. */
    private static SessionReport ours(String name) {
        if (ParityResources.names("ours_cases").contains(name)) {
            return ParityResources.report(name + ".ours.json");
        }
        return ParityResources.report(name + ".seed.json");
    }

    private static List<DegradationAlert> alerts(JsonNode list) {
        List<DegradationAlert> alerts = new ArrayList<>();
        list.forEach(a -> alerts.add(new DegradationAlert(a.get("turn").intValue(), a.get("phase").textValue(),
                a.get("current_score").doubleValue(), a.get("window_avg").doubleValue(), a.get("drop").doubleValue())));
        return alerts;
    }
}
