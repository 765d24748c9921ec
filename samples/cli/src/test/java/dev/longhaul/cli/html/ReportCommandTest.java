package dev.longhaul.cli.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.cli.CliTest;
import dev.longhaul.render.Arm;
import dev.longhaul.render.CsvReport;
import dev.longhaul.render.HtmlReport;
import dev.longhaul.render.MarkdownReport;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.ReportCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code longhaul report} and the HTML page {@code run} and {@code ab} write beside their reports. */
class ReportCommandTest {

    @TempDir
    Path dir;

    static CliTest.Result longhaul(String... args) {
        return CliTest.longhaul(args);
    }

    private Path run(String kv, String file, String... options) {
        Path report = dir.resolve(file);
        List<String> args = new java.util.ArrayList<>(List.of("run", "--backend", "scripted", "--turns", "8", "--delay",
                "0", "--kv-type", kv, "-o", report.toString(), "--quiet", "--save-responses", "--no-checkpoint"));
        args.addAll(List.of(options));
        CliTest.Result r = longhaul(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return report;
    }

    @Test
    void writesThePageTheSummaryAndTheTableOfTheReportsBaselineFirst() throws Exception {
        Path f16 = run("f16", "f16.json");
        Path q4 = run("q4_0", "q4.json", "--backend-option", "drop_from=5", "--backend-option", "fail_turns=3");
        Path html = dir.resolve("out/report.html");
        Path md = dir.resolve("out/summary.md");
        Path csv = dir.resolve("out/turns.csv");

        CliTest.Result r = longhaul("report", f16.toString(), q4.toString(), "--html", html.toString(), "--markdown",
                md.toString(), "--csv", csv.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("HTML report saved to: " + html + "\nMarkdown summary saved to: " + md + "\nCSV saved to: " + csv
                + "\n", r.out());
        ReportSet plain = ReportSet.of(List.of(ReportCodec.read(f16), ReportCodec.read(q4)));
        ReportSet expected = new ReportSet(plain.arms(), plain.comparisons(), TradeOffSummary.ofSingleRuns(
                List.of("f16", "q4_0"), List.of(ReportCodec.read(f16), ReportCodec.read(q4))));
        assertEquals(HtmlReport.render(expected), Files.readString(html));
        assertEquals(MarkdownReport.render(expected), Files.readString(md));
        assertEquals(CsvReport.render(expected), Files.readString(csv));
        assertTrue(Files.readString(md).contains("### f16 vs q4\\_0"), "f16 is the baseline");
    }

    @Test
    void withoutAnOutputTheSummaryGoesToStandardOutput() {
        Path f16 = run("f16", "f16.json");

        CliTest.Result r = longhaul("report", f16.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("## longhaul: f16\n"), r.out());
    }

    @Test
    void runsOfOneKvTypeAreLabelledByTheirFileNames() {
        Path a = run("f16", "seed42.json", "--seed", "42");
        Path b = run("f16", "seed43.json", "--seed", "43");

        CliTest.Result r = longhaul("report", a.toString(), b.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("## longhaul: seed42 vs seed43\n"), r.out());
    }

    @Test
    void comparisonsOfAComparisonFileAreShownAsTheyAre() throws Exception {
        Path f16 = run("f16", "f16.json");
        Path q4 = run("q4_0", "q4_0.json");
        Path comparison = dir.resolve("comparison.json");
        Files.writeString(comparison, "{\"baseline\": \"f16\", \"comparisons\": [{\"labels\": [\"f16\", \"q4_0\"], "
                + "\"verdict\": \"No significant difference\", \"p_value\": 0.5, \"noise\": NaN}]}");
        Path html = dir.resolve("report.html");

        CliTest.Result r = longhaul("report", f16.toString(), q4.toString(), "--comparison", comparison.toString(),
                "--html", html.toString());

        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<span class=\"name\">Verdict:</span> No significant difference</p>"), page);
        assertTrue(page.contains("<dt data-key=\"p_value\">P value</dt><dd>0.5</dd>\n"
                + "<dt data-key=\"noise\">Noise</dt><dd>nan</dd>"), page);
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception {
        Path f16 = run("f16", "f16.json");
        Path missing = dir.resolve("missing.json");
        Path notComparison = dir.resolve("list.json");
        Files.writeString(notComparison, "[1, 2]");

        CliTest.Result noReport = longhaul("report", f16.toString(), missing.toString(), "--html", dir.resolve("x.html").toString());
        CliTest.Result badComparison = longhaul("report", f16.toString(), "--comparison", notComparison.toString());

        assertEquals(2, noReport.code());
        assertEquals("longhaul: " + missing + ": no such file\n", noReport.err());
        assertEquals(2, badComparison.code());
        assertEquals("longhaul: " + notComparison + ": not a comparison: expected a \"comparisons\" list or an object "
                + "with \"labels\"\n", badComparison.err());
    }

    @Test
    void runWritesItsPageBesideItsReport() throws Exception {
        CliTest.Result r = longhaul("run", "--backend", "scripted", "--turns", "6", "--delay", "0", "--kv-type", "q8_0",
                "-o", dir.resolve("q8.json").toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        Path page = dir.resolve("q8.html");
        assertTrue(r.out().contains("HTML report saved to: " + page + "\n"), r.out());
        assertEquals(HtmlReport.render(ReportSet.of(List.of(ReportCodec.read(dir.resolve("q8.json"))))),
                Files.readString(page));
    }

    @Test
    void abWritesOnePageOfAllArmsAndItsComparisonsBesideTheReports() throws Exception {
        Path out = dir.resolve("ab");
        CliTest.Result r = longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0,q4_0", "--turns", "5",
                "--output-dir", out.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("HTML report saved to: " + out.resolve("report.html") + "\n"), r.out());
        List<Arm> arms = List.of(arm("f16", out.resolve("f16.json")), arm("q8_0", out.resolve("q8_0.json")),
                arm("q4_0", out.resolve("q4_0.json")));
        ReportSet expected = new ReportSet(arms, comparisons(out.resolve("comparison.json")),
                TradeOffSummary.ofSingleRuns(arms.stream().map(Arm::label).toList(),
                        arms.stream().map(Arm::report).toList()));
        assertEquals(HtmlReport.render(expected), Files.readString(out.resolve("report.html")));
    }

    @Test
    void repeatedArmsAreLabelledAsTheirFiles() throws Exception {
        Path out = dir.resolve("ab");
        CliTest.Result r = longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--repeats", "2", "--turns", "3", "--free-running",
                "--output-dir", out.toString(), "--quiet");

        assertEquals(0, r.code(), r.err());
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("<title>longhaul report: f16.r1 vs f16.r2 vs q8_0.r1 vs q8_0.r2</title>"), page);
        assertTrue(page.contains("data-key=\"seed_verdict\""), "the repeated comparison as comparison.json has it");
    }

    /**
     * The repeats of an ab study, given with its comparison.json, render as ab's own page: the summary compares arms
     * over their repeats with the noise floor beside, not every repeat as an arm of its own against the first run.
     */
    @Test
    void aStudysRepeatsWithItsComparisonRenderAsTheStudysOwnPage() throws Exception {
        Path out = dir.resolve("ab");
        CliTest.Result r = longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--repeats", "3",
                "--turns", "4", "--free-running", "--noise-floor", "--output-dir", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path page = dir.resolve("again.html");

        CliTest.Result again = longhaul("report", out.resolve("f16.r1.json").toString(),
                out.resolve("f16.r2.json").toString(), out.resolve("f16.r3.json").toString(),
                out.resolve("q8_0.r1.json").toString(), out.resolve("q8_0.r2.json").toString(),
                out.resolve("q8_0.r3.json").toString(), "--comparison", out.resolve("comparison.json").toString(),
                "--html", page.toString());

        assertEquals(0, again.code(), again.err());
        assertEquals(Files.readString(out.resolve("report.html")), Files.readString(page));
    }

    private static Arm arm(String label, Path report) {
        return new Arm(label, ReportCodec.read(report));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> comparisons(Path file) throws Exception {
        Map<String, Object> doc = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readValue(file.toFile(), Map.class);
        return (List<Map<String, Object>>) doc.get("comparisons");
    }
}
