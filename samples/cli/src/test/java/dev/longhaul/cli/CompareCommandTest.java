package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.report.ReportCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code longhaul compare}: the seed's two-report output unchanged, several reports per side with intervals. */
class CompareCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void runs() {
        // two free-running f16 runs (seeds 1, 2), two q4_0 runs whose answers degrade from turn 20, and two more f16
        // runs (seeds 3, 4) for the noise floor; answers vary a little with the seed, as a sampling model's do
        run("f16.r1", "f16", 1);
        run("f16.r2", "f16", 2);
        run("f16.noise.r1", "f16", 3);
        run("f16.noise.r2", "f16", 4);
        run("q4_0.r1", "q4_0", 1, "--backend-option", "drop_from=20");
        run("q4_0.r2", "q4_0", 2, "--backend-option", "drop_from=20");
    }

    private void run(String name, String kv, long seed, String... more) {
        String[] args = {"run", "--backend", "scripted", "--turns", "30", "--delay", "0", "--kv-type", kv, "--quiet",
                "--seed", String.valueOf(seed), "--backend-option", "vary_by_seed=true",
                "--no-checkpoint", "-o", file(name).toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliTest.Result r = CliTest.longhaul(all);
        assertEquals(0, r.code(), r.err());
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }

    @Test
    void twoReportsPrintExactlyTheSeedsComparison() {
        Comparison expected = Comparison.of(ReportCodec.read(file("f16.r1")), ReportCodec.read(file("q4_0.r1")));
        CliTest.Result text = CliTest.longhaul("compare", file("f16.r1").toString(), file("q4_0.r1").toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith(ComparisonText.render(expected) + "longhaul verdict (free-running): "
                + "inconclusive: one free-running run per arm cannot tell run-to-run drift from the arm "
                + "[inconclusive]\n\nSUMMARY (free-running, baseline f16)\n"), text.out());
        assertTrue(text.out().contains("\n  q4_0: KV unknown, decode "), "the scripted backend logs no KV cache\n"
                + text.out());
        CliTest.Result json = CliTest.longhaul("compare", "--json", file("f16.r1").toString(), file("q4_0.r1").toString());
        assertEquals(ComparisonJson.toJson(expected) + "\n", json.out(), "the seed's comparison object, unchanged");

        CliTest.Result stats = CliTest.longhaul("compare", "--stats", file("f16.r1").toString(),
                file("q4_0.r1").toString());
        assertTrue(stats.out().startsWith("SUMMARY (free-running, baseline f16)\n"), "the summary first\n" + stats.out());
        assertTrue(stats.out().contains(ComparisonText.render(expected) + "Design: free-running, 1 run pair (seeds 1 "
                + "| 1), 30 paired turns; the run is the unit"), stats.out());
        assertTrue(stats.out().contains("\nDrop: not tested (see the notes)"), stats.out());
        assertTrue(stats.out().contains("\nNote: no change test: free-running run pairs are tested as wholes, which "
                + "needs 7 or more distinct pairs to reach its level, not 1"), stats.out());
        assertTrue(stats.out().contains("\nVerdict: inconclusive: "), stats.out());
        assertTrue(stats.out().contains("\nSeed verdict: f16 is BETTER by "), stats.out());
    }

    @Test
    void severalReportsPerSideJudgeTheDropWorseOnTheirRunMeans() {
        CliTest.Result r = CliTest.longhaul("compare", "-a", file("f16.r1") + "," + file("f16.r2"),
                "-b", file("q4_0.r1").toString(), "-b", file("q4_0.r2").toString(),
                "--noise", file("f16.noise.r1") + "," + file("f16.noise.r2"));

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("SUMMARY (free-running, baseline f16)\n"), r.out());
        assertTrue(r.out().contains("\n\n" + "=".repeat(70) + "\nQUALITY COMPARISON: f16 vs q4_0\n"), r.out());
        assertTrue(r.out().contains("Verdict: f16 is BETTER by "), "the seed's verdict in its table\n" + r.out());
        assertTrue(r.out().contains("Design: free-running, 2 run pairs (seeds 1, 2 | 1, 2), 60 paired turns"), r.out());
        assertTrue(r.out().contains("\nDrop: not tested (see the notes)"), "two free-running pairs\n" + r.out());
        assertTrue(r.out().contains("\nVerdict: f16 is better by "), "on the run means\n" + r.out());
        assertTrue(r.out().contains("[baseline_better]\n"), r.out());
        assertTrue(r.out().contains("\nSeed verdict: f16 is BETTER by "), r.out());
    }

    @Test
    void jsonCarriesIntervalsPValuesSpreadDropAndNoiseFloor() throws Exception {
        CliTest.Result r = CliTest.longhaul("compare", "--json", "--a", file("f16.r1").toString(),
                "--a", file("f16.r2").toString(), "--b", file("q4_0.r1").toString(), "--b", file("q4_0.r2").toString(),
                "--noise", file("f16.noise.r1").toString(), "--noise", file("f16.noise.r2").toString());

        assertEquals(0, r.code(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out());
        assertTrue(c.get("seed_verdict").asText().startsWith("f16 is BETTER by "));
        JsonNode q = c.get("metrics").get("quality_score");
        assertEquals(60, q.get("pairs").asInt());
        assertTrue(q.get("interval").get(1).asDouble() < 0, q.toString());
        assertTrue(q.get("p_value").asDouble() < 0.04, q.toString());
        assertTrue(q.get("significant").asBoolean());
        assertEquals(3, q.get("degrees_of_freedom").asInt(), "1 + 1 from the arms, 1 from the noise-floor runs");
        assertEquals("primary", q.get("role").asText());
        assertEquals("free_running", c.get("design").asText());
        assertEquals("baseline_better", c.get("verdict_kind").asText());
        assertTrue(c.get("drop").isNull(), "two free-running pairs are too few to locate a drop");
        assertTrue(c.get("change_test").isNull());
        assertEquals(2, c.get("noise_floor").get("runs").asInt());
        assertEquals("no_difference", c.get("noise_floor").get("verdict_kind").asText(), "f16 against f16");
        assertEquals(30, c.get("per_turn").size());
    }

    @Test
    void gatesExitThreeOnABreachWithOneLineEachAndFourWhenTheyCannotBeChecked() {
        String[] pairs = {"compare", "-a", file("f16.r1") + "," + file("f16.r2"), "-b",
                file("q4_0.r1") + "," + file("q4_0.r2")};
        CliTest.Result regression = CliTest.longhaul(concat(pairs, "--fail-on-regression", "--max-quality-drop",
                "0.01"));
        assertEquals(Main.EXIT_GATE_BREACHED, regression.code(), regression.err());
        List<String> lines = regression.err().lines().toList();
        assertEquals(2, lines.size(), regression.err());
        assertTrue(lines.get(0).startsWith("longhaul: gate breached: q4_0: --fail-on-regression: verdict "
                + "baseline_better: f16 is better by "), lines.get(0));
        assertTrue(lines.get(1).startsWith("longhaul: gate breached: q4_0: --max-quality-drop: quality fell by "),
                lines.get(1));
        assertTrue(regression.out().startsWith("SUMMARY (free-running, baseline f16)\n"), "the summary first\n"
                + regression.out());

        CliTest.Result kept = CliTest.longhaul(concat(pairs, "--max-quality-drop", "0.9"));
        assertEquals(0, kept.code(), kept.err());

        CliTest.Result noFidelity = CliTest.longhaul(concat(pairs, "--max-kld", "0.1"));
        assertEquals(Main.EXIT_GATE_INCONCLUSIVE, noFidelity.code(), noFidelity.err());
        assertEquals("longhaul: gate inconclusive: q4_0: --max-kld: no token fidelity was measured",
                noFidelity.err().strip());

        CliTest.Result oneRun = CliTest.longhaul("compare", "--fail-on-regression", file("f16.r1").toString(),
                file("q4_0.r1").toString());
        assertEquals(Main.EXIT_GATE_INCONCLUSIVE, oneRun.code(), "one free-running run per arm: inconclusive");

        CliTest.Result bad = CliTest.longhaul(concat(pairs, "--min-same-top", "99"));
        assertEquals(Main.EXIT_BAD_INPUT, bad.code());
        assertEquals("longhaul: --min-same-top 99.0 is out of range [0, 1] (a rate: 0.99 for 99 %)", bad.err().strip());
    }

    @Test
    void aRunThatAnsweredNoTurnExitsOneAndSaysSoAndSoDoesItsComparison() throws Exception {
        CliTest.Result failed = CliTest.longhaul("run", "--backend", "scripted", "--turns", "3", "--delay", "0",
                "--kv-type", "q4_0", "--quiet", "--backend-option", "fail_turns=1,2,3", "--retries", "0",
                "--no-checkpoint", "-o", file("failed").toString());
        assertEquals(Main.EXIT_INCOMPLETE, failed.code(), failed.out() + failed.err());
        assertFalse(failed.out().contains("No significant degradation"), failed.out());
        assertTrue(failed.out().contains("No answered turn: nothing to judge (3 failed)"), failed.out());
        assertTrue(failed.err().contains("longhaul: the run answered no turn (3 failed)"), failed.err());

        assertEquals(Main.EXIT_INCOMPLETE, CliTest.longhaul("run", "--backend", "scripted", "--turns", "3", "--delay",
                "0", "--quiet", "--backend-option", "fail_turns=1,2,3", "--retries", "0", "--no-checkpoint",
                "--strict-json", "-o", file("strict").toString()).code());
        assertTrue(java.nio.file.Files.readString(file("strict")).contains("\"avg_quality_score\": null"),
                "--strict-json: null, not NaN");

        CliTest.Result compared = CliTest.longhaul("compare", file("f16.r1").toString(), file("failed").toString());
        assertEquals(Main.EXIT_INCOMPLETE, compared.code(), compared.err());
        List<String> errLines = compared.err().lines().toList();
        assertEquals("longhaul: q4_0 answered no turn: there is nothing to compare (see the failed turns in the "
                + "report)", errLines.get(errLines.size() - 1), "after the warning that the runs differ in turns");

        CliTest.Result strict = CliTest.longhaul("compare", "--json", "--stats", "--strict-json",
                file("f16.r1").toString(), file("failed").toString());
        assertFalse(strict.out().contains("NaN"), strict.out());
        CliTest.Result python = CliTest.longhaul("compare", "--json", "--stats", file("f16.r1").toString(),
                file("failed").toString());
        assertTrue(python.out().contains("NaN"), "without --strict-json, Python's NaN as the seed writes it");

        // the two-report seed form too
        CliTest.Result seedStrict = CliTest.longhaul("compare", "--json", "--strict-json", file("f16.r1").toString(),
                file("failed").toString());
        assertTrue(seedStrict.out().contains("\"avg_quality\""), seedStrict.out());
        assertFalse(seedStrict.out().contains("NaN"), seedStrict.out());
        assertTrue(CliTest.longhaul("compare", "--json", file("f16.r1").toString(), file("failed").toString()).out()
                .contains("NaN"), "the seed's own form writes NaN");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void badCombinationsAreOneLine() {
        CliTest.Result both = CliTest.longhaul("compare", file("f16.r1").toString(), file("q4_0.r1").toString(),
                "-a", file("f16.r2").toString());
        assertEquals(Main.EXIT_BAD_INPUT, both.code());
        assertEquals("longhaul: compare: give two report files or -a/-b reports, not both", both.err().strip());

        CliTest.Result uneven = CliTest.longhaul("compare", "-a", file("f16.r1").toString(), "-a",
                file("f16.r2").toString(), "-b", file("q4_0.r1").toString());
        assertEquals(Main.EXIT_BAD_INPUT, uneven.code());
        assertEquals("longhaul: runs are paired by position: side A has 2 reports and side B 1; "
                + "give both sides the same number", uneven.err().strip());

        CliTest.Result one = CliTest.longhaul("compare", file("f16.r1").toString());
        assertEquals("longhaul: compare: two report files needed (baseline, compared), got 1 (" + file("f16.r1")
                + "); for several runs per side give -a and -b", one.err().strip());
    }
}
