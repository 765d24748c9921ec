package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.scoring.MarkdownListHeuristicScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code longhaul ab} with repeats, shared history and the noise floor, on the scripted test backend. */
class AbCommandTest {

    @TempDir
    Path dir;

    @Test
    void repeatsWriteOneReportPerRunWithSeedsSAndUpAndTheNoiseFloorBeside() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "6",
                "--repeats", "2", "--noise-floor", "--seed", "7", "--free-running", "--backend-option",
                "vary_by_seed=true", "--quiet", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("comparison.json", "f16.noise.r1.json", "f16.noise.r1.turns.jsonl",
                    "f16.noise.r2.json", "f16.noise.r2.turns.jsonl", "f16.r1.json", "f16.r1.turns.jsonl",
                    "f16.r2.json", "f16.r2.turns.jsonl", "q8_0.r1.json", "q8_0.r1.turns.jsonl", "q8_0.r2.json",
                    "q8_0.r2.turns.jsonl", "study.json"),
                    files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".html")).sorted().toList());
        }
        assertEquals(7L, seed("f16.r1.json"));
        assertEquals(8L, seed("q8_0.r2.json"));
        assertEquals(9L, seed("f16.noise.r1.json"));
        assertEquals(10L, seed("f16.noise.r2.json"));
        assertTrue(r.out().startsWith("Study: 2 arms + noise floor × 2 repeats × 6 turns = 36 turns to play\n"),
                r.out());
        assertTrue(r.out().contains("=== arm 2/2: kv q8_0, repeat 2/2, seed 8 ==="), r.out());
        assertTrue(r.out().contains("=== noise floor: kv f16, repeat 1/2, seed 9 ==="), r.out());
        assertTrue(r.out().contains("QUALITY COMPARISON: f16 vs q8_0"), r.out());
        assertTrue(r.out().contains("Verdict: no difference (quality delta +0.000, 96% CI ["), r.out());
        assertTrue(r.out().contains("[no_difference]"), r.out());
        assertTrue(r.out().contains("Seed verdict: No significant quality difference"), r.out());

        JsonNode doc = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile());
        assertEquals("f16", doc.get("baseline").asText());
        assertEquals(List.of("f16.r1.json", "q8_0.r1.json", "f16.r2.json", "q8_0.r2.json"),
                new ObjectMapper().convertValue(doc.get("reports"), List.class));
        assertEquals("[7,8]", doc.get("seeds").toString());
        assertEquals("[9,10]", doc.get("noise_floor_seeds").toString());
        JsonNode c = doc.get("comparisons").get(0);
        assertEquals("No significant quality difference", c.get("seed_verdict").asText());
        assertEquals("no_difference", c.get("verdict_kind").asText(), c.toString());
        assertEquals("free_running", c.get("design").asText());
        JsonNode quality = c.get("metrics").get("quality_score");
        assertEquals(12, quality.get("pairs").asInt());
        assertEquals(1.0, quality.get("p_value").asDouble(), "run i of both arms had seed 7 + i - 1: equal answers");
        assertEquals(-quality.get("interval").get(0).asDouble(), quality.get("interval").get(1).asDouble(), 1e-12);
        assertTrue(quality.get("interval").get(1).asDouble() > 0, "the runs differ with their seed");
        assertEquals(3, quality.get("degrees_of_freedom").asInt(), "1 + 1 from the arms, 1 from the noise floor");
        assertEquals("[9,10]", c.get("noise_floor").get("seeds").get(1).toString());
        assertEquals(6, c.get("per_turn").size());
    }

    @Test
    void sharedHistoryMarksEveryReportWithTheBaselineItFollowed() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0,q4_0", "--turns", "4",
                "--shared-history", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.err());
        for (String kv : List.of("f16", "q8_0", "q4_0")) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            assertEquals("f16", report.config().extra().get("shared_history_from"), kv);
            assertEquals(4, report.turnMetrics().size());
        }
        assertTrue(r.out().contains("[q4_0] [Turn  4/4]"), r.out());
        // lockstep: f16, q8_0, q4_0 answer turn 1, then turn 2, ...; the estimate is the study's, from its 3rd turn
        assertTrue(r.out().contains("[q4_0] [Turn  1/4]"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("[q4_0] [Turn  1/4]")).findFirst().orElseThrow()
                .matches(".* \\| study 3/12 turns, ~\\d+:\\d\\d left"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("[f16] [Turn  1/4]")).findFirst().orElseThrow()
                .endsWith(" elapsed"), r.out());
        JsonNode doc = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile());
        assertTrue(doc.get("shared_history").asBoolean());
        assertEquals(2, doc.get("comparisons").size());
    }

    @Test
    void theDesignIsSaidUpFrontAndGreedyRepeatsOfOneConversationAreRefused() {
        CliTest.Result one = CliTest.longhaul("ab", "--backend", "scripted", "--free-running", "--turns", "2", "--quiet",
                "--output-dir", dir.toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("Note: one free-running run per arm: the verdict will be inconclusive"),
                one.out());
        assertTrue(one.out().contains("Verdict: inconclusive: one free-running run per arm cannot tell run-to-run drift "
                + "from the arm"), one.out());

        CliTest.Result greedy = CliTest.longhaul("ab", "--backend", "scripted", "--repeats", "3", "--turns", "2",
                "--output-dir", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, greedy.code());
        assertEquals("longhaul: --repeats 3 with greedy shared history plays the same conversation 3 times; give "
                + "--temperature > 0 for repeats, or leave --repeats out", greedy.err().strip());

        CliTest.Result both = CliTest.longhaul("ab", "--backend", "scripted", "--shared-history", "--free-running",
                "--output-dir", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, both.code());
        assertEquals("longhaul: --shared-history and --free-running are two designs; give one of them",
                both.err().strip());
    }

    @Test
    void aBadArmIsRefusedBeforeTheFirstRequestAndWritesNothing() throws Exception {
        Path out = dir.resolve("study");
        CliTest.Result cacheType = CliTest.longhaul("ab", "--kv-types", "f16,q3_zzz", "--turns", "1",
                "--output-dir", out.toString());
        assertEquals(2, cacheType.code(), cacheType.out() + cacheType.err());
        assertEquals(1, cacheType.err().lines().count(), cacheType.err());
        assertTrue(cacheType.err().contains("kv type 'q3_zzz' is not a KV cache type"), cacheType.err());
        assertFalse(cacheType.out().contains("=== arm"), "no arm started");

        CliTest.Result slash = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "a/b,a_b", "--turns", "1",
                "--output-dir", out.toString());
        assertEquals(2, slash.code(), slash.err());
        assertEquals("longhaul: arm 'a_b' and arm 'a/b' would both write a_b.json; give the arms labels that differ "
                + "in letters or digits", slash.err().strip());
        CliTest.Result reserved = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,comparison",
                "--turns", "1", "--output-dir", out.toString());
        assertEquals(2, reserved.code(), reserved.err());
        assertTrue(reserved.err().contains("would both write comparison.json"), reserved.err());
        assertFalse(Files.exists(out), "nothing written");

        Path file = Files.writeString(dir.resolve("afile"), "not a directory");
        CliTest.Result notDir = CliTest.longhaul("ab", "--backend", "scripted", "--turns", "1", "--output-dir",
                file.toString());
        assertEquals(2, notDir.code());
        assertEquals("longhaul: output directory " + file + " is a file, not a directory", notDir.err().strip());
    }

    @Test
    void aFinishedStudyIsReplacedOnlyWithForceAndAResumeKeepsItsSettings() throws Exception {
        String[] study = {"ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "3", "--quiet",
                "--output-dir", dir.toString()};
        assertEquals(0, CliTest.longhaul(study).code());
        String before = Files.readString(dir.resolve("f16.json"));

        CliTest.Result again = CliTest.longhaul(study);
        assertEquals(2, again.code());
        assertEquals("longhaul: " + dir.resolve("f16.json") + " holds a report of an earlier study; overwrite it or "
                + "choose another directory (--force overwrites it)", again.err().strip());
        assertEquals(before, Files.readString(dir.resolve("f16.json")));
        String[] forced = java.util.Arrays.copyOf(study, study.length + 1);
        forced[study.length] = "--force";
        assertEquals(0, CliTest.longhaul(forced).code());

        CliTest.Result resumed = CliTest.longhaul("ab", "--resume", dir.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("finished earlier"), resumed.out());
        CliTest.Result changed = CliTest.longhaul("ab", "--resume", dir.toString(), "--turns", "4");
        assertEquals(2, changed.code());
        assertEquals("longhaul: --turns 4 differs from the study's 3 (" + dir.resolve("study.json") + "); a resumed "
                + "study keeps its settings: leave it out", changed.err().strip());
        CliTest.Result none = CliTest.longhaul("ab", "--resume", dir.resolve("nothing").toString());
        assertEquals(2, none.code());
        assertEquals("longhaul: " + dir.resolve("nothing") + ": no study to resume (no study.json)",
                none.err().strip());
    }

    @Test
    void badRepeatsAreOneLine() {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--repeats", "0", "--output-dir", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertEquals("longhaul: --repeats 0 is out of range [1, 1000]", r.err().strip());
    }

    @Test
    void realSharedHistoryRunOnTheBundledModelGivesEveryArmTheSamePrompts() throws Exception {
        CliTest.Result r = CliTest.longhaul("ab", "--shared-history", "--temperature", "0", "--kv-types", "f16,q8_0",
                "--turns", "3", "--max-tokens", "24", "--threads", "2", "--quiet", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        SessionReport f16 = ReportCodec.read(dir.resolve("f16.json"));
        SessionReport q8 = ReportCodec.read(dir.resolve("q8_0.json"));
        assertEquals(List.of("f16", "q8_0"), List.of(f16.config().kvType(), q8.config().kvType()));
        assertEquals(3, f16.turnMetrics().size());
        assertEquals(3, q8.turnMetrics().size());
        // identical conversations tokenise to identical prompts: the arm answered the baseline's history
        assertEquals(promptTokens(f16), promptTokens(q8));
        assertTrue(promptTokens(f16).get(2) > promptTokens(f16).get(0), "the shared history grows");
        JsonNode c = new ObjectMapper().readTree(dir.resolve("comparison.json").toFile()).get("comparisons").get(0);
        assertFalse(c.get("verdict").asText().isBlank());
        assertEquals(3, c.get("metrics").get("quality_score").get("pairs").asInt());
    }

    private static List<Integer> promptTokens(SessionReport report) {
        return report.turnMetrics().stream().map(t -> t.number("prompt_eval_count").intValue()).toList();
    }

    private long seed(String file) {
        return ((Number) ReportCodec.read(dir.resolve(file)).config().extra().get("seed")).longValue();
    }

    @Test
    void everyArmIsScoredByTheScorerNamedAndAResumedStudyKeepsIt(@TempDir Path study) {
        CliTest.Result r = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "3",
                "--quiet", "--scorer", "heuristic-markdown-lists", "--output-dir", study.toString());
        assertEquals(0, r.code(), r.err());
        for (String arm : List.of("f16", "q8_0")) {
            assertEquals(MarkdownListHeuristicScorer.class.getName(),
                    ReportCodec.read(study.resolve(arm + ".json")).config().extra().get("scorer"), arm);
        }
        CliTest.Result changed = CliTest.longhaul("ab", "--resume", study.toString(), "--scorer", "heuristic");
        assertEquals(2, changed.code());
        assertEquals("longhaul: --scorer heuristic differs from the study's heuristic-markdown-lists ("
                + study.resolve("study.json") + "); a resumed study keeps its settings: leave it out",
                changed.err().strip());
    }

    @Test
    void aResumedStudysEstimateCountsOnlyTheTurnsLeftToPlay() throws Exception {
        CliTest.Result first = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "6",
                "--free-running", "--quiet", "--output-dir", dir.toString());
        assertEquals(0, first.code(), first.err());
        // as if interrupted during q8_0's turn 3: its journal holds two turns, it has no report yet
        Path journal = dir.resolve("q8_0.turns.jsonl");
        Files.write(journal, Files.readAllLines(journal).subList(0, 3));
        Files.delete(dir.resolve("q8_0.json"));
        Files.delete(dir.resolve("comparison.json"));

        CliTest.Result resumed = CliTest.longhaul("ab", "--resume", dir.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed from " + journal), resumed.out());
        // 12 turns, less f16's 6 (finished earlier) and q8_0's 2 journalled: 4 to play, the third of them is turn 5
        assertTrue(resumed.out().lines().filter(l -> l.startsWith("[q8_0] [Turn  5/6]")).findFirst().orElseThrow()
                .matches(".* \\| study 3/4 turns, ~\\d+:\\d\\d left"), resumed.out());
    }

    @Test
    void aResumedStudyStartedWithoutSavedAnswersKeepsEveryArmWithout() throws Exception {
        CliTest.Result first = CliTest.longhaul("ab", "--backend", "scripted", "--kv-types", "f16,q8_0", "--turns", "3",
                "--free-running", "--no-save-responses", "--quiet", "--output-dir", dir.toString());
        assertEquals(0, first.code(), first.err());
        // a study begun by a version that saved no answers by default: its recorded command line has no flag for it
        ObjectMapper json = new ObjectMapper();
        JsonNode study = json.readTree(dir.resolve("study.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode args = (com.fasterxml.jackson.databind.node.ArrayNode)
                study.get("settings").get("args");
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).asText().equals("--no-save-responses")) {
                args.remove(i);
            }
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) study).put("complete", false);
        json.writeValue(dir.resolve("study.json").toFile(), study);
        // interrupted before q8_0 began
        Files.delete(dir.resolve("q8_0.json"));
        Files.delete(dir.resolve("q8_0.turns.jsonl"));
        Files.delete(dir.resolve("comparison.json"));

        CliTest.Result resumed = CliTest.longhaul("ab", "--resume", dir.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(ReportCodec.read(dir.resolve("f16.json")).responses().isEmpty());
        assertEquals(3, ReportCodec.read(dir.resolve("q8_0.json")).turnMetrics().size());
        assertTrue(ReportCodec.read(dir.resolve("q8_0.json")).responses().isEmpty(),
                "the arm played on resume saves no answers, as the study's first arm did");
    }
}
