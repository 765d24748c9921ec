package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each careless input is refused in one line that names the input and the problem, with exit code 2. */
class BadInputMessagesTest {

    @TempDir
    Path dir;

    private static void assertOneLine(String expected, String... args) {
        CliTest.Result r = CliTest.longhaul(args);
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("longhaul: " + expected, r.err().strip());
    }

    @Test
    void numbersOutOfRangeAreRefusedNamingTheFlag() {
        assertOneLine("--timeout Infinity is out of range (0, 86400] seconds",
                "run", "--backend", "scripted", "--timeout", "Infinity");
        assertOneLine("--delay Infinity is out of range [0, 3600] seconds",
                "run", "--backend", "scripted", "--delay", "Infinity");
        assertOneLine("--delay NaN is out of range [0, 3600] seconds",
                "ab", "--backend", "scripted", "--delay", "NaN", "--output-dir", "unused");
        assertOneLine("url 'http://127.0.0.1:99999' has port 99999, out of range [1, 65535]",
                "run", "--backend", "llama-server", "--url", "http://127.0.0.1:99999", "--delay", "0");
        assertOneLine("--fidelity-top-k -1 is out of range [0, 1000] (0 turns token fidelity off)",
                "ab", "--backend", "scripted", "--fidelity-top-k", "-1", "--output-dir", "unused");
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutShowingThem() {
        Path report = dir.resolve("x.json");
        CliTest.Result run = CliTest.longhaul("run", "--backend", "llama-server", "--url",
                "http://alice:secret@127.0.0.1:8080", "--delay", "0", "-o", report.toString());
        assertEquals(2, run.code());
        assertEquals("longhaul: url 'http://***@127.0.0.1:8080' has credentials in it: longhaul refuses them, as the "
                + "URL is stored in reports and journals; give an API key by the name of its environment variable "
                + "instead", run.err().strip());
        assertTrue(!(run.out() + run.err()).contains("secret") && !(run.out() + run.err()).contains("alice"));
        assertTrue(!Files.exists(report) && !Files.exists(dir.resolve("x.turns.jsonl")), "nothing written");
        CliTest.Result ab = CliTest.longhaul("ab", "--backend", "llama-server", "--kv-types", "f16,q8_0", "--urls",
                "http://127.0.0.1:8080,http://bob:pw@127.0.0.1:8081", "--output-dir", dir.resolve("ab").toString());
        assertEquals(2, ab.code());
        assertTrue(ab.err().contains("'http://***@127.0.0.1:8081'") && !ab.err().contains("pw@"), ab.err());
        assertTrue(!Files.exists(dir.resolve("ab")), "nothing written");
    }

    @Test
    void aModelFileForABackendThatLoadsNoneIsRefused() {
        assertOneLine("--model-file m.gguf is for the embedded llamacpp backend (or ab --server-bin); --backend "
                + "llama-server answers with the model its server loaded",
                "run", "--backend", "llama-server", "--model-file", "m.gguf", "--delay", "0");
    }

    @Test
    void scoreNamesTheFileAndTheLine() throws Exception {
        assertOneLine("--input " + dir + " is a directory, not a file of turns", "score", "--input", dir.toString());
        Path missing = dir.resolve("missing.jsonl");
        assertOneLine("--input " + missing + ": cannot be read (no such file or directory)",
                "score", "--input", missing.toString());
        Path word = Files.writeString(dir.resolve("word.jsonl"),
                "{\"turn\": \"three\", \"prompt\": \"p\", \"response\": \"r\"}\n");
        assertOneLine(word + ":1: \"turn\" must be a whole number, was \"three\"", "score", "--input", word.toString());
        Path two = Files.writeString(dir.resolve("two.jsonl"),
                "{\"prompt\": \"p\", \"response\": \"r\"} {\"prompt\": \"q\", \"response\": \"s\"}\n");
        assertOneLine(two + ":1: more than one JSON value on the line (one turn a line)",
                "score", "--input", two.toString());
        Path proc = Path.of("/proc/version");
        if (Files.isRegularFile(proc)) {
            Path turns = Files.writeString(dir.resolve("t.jsonl"), "{\"prompt\": \"p\", \"response\": \"r\"}\n");
            CliTest.Result r = CliTest.longhaul("score", "--input", turns.toString(), "--output", proc.toString());
            assertEquals(2, r.code());
            assertTrue(r.err().startsWith("longhaul: --output /proc/version: cannot be written ("), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void compareCountsTheFilesItWasGiven() {
        assertOneLine("compare: two report files needed (baseline, compared), got 3 (a.json b.json c.json); for "
                + "several runs per side give -a and -b", "compare", "a.json", "b.json", "c.json");
    }

    @Test
    void aBadFlagIsOneLineThatSaysWhereTheUsageIs() {
        assertOneLine("Invalid value for option '--turns': 'many' is not an int (see 'longhaul run --help')",
                "run", "--turns", "many");
        assertOneLine("Unknown options: '--turn', '3' (see 'longhaul ab --help')", "ab", "--turn", "3");
    }

    @Test
    void aReportWithANonFiniteScoreIsRefusedNamingItsPath() throws Exception {
        Path a = dir.resolve("a.json");
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "4", "--delay", "0", "--quiet",
                "-o", a.toString()).code());
        String json = Files.readString(a);
        int fourth = json.indexOf("\"quality_score\": ", json.indexOf("\"turn\": 4"));
        int end = json.indexOf(',', fourth);
        Path nan = Files.writeString(dir.resolve("nan.json"), json.substring(0, fourth) + "\"quality_score\": NaN"
                + json.substring(end));
        assertOneLine(nan + ": turn_metrics[3].quality_score is NaN", "compare", "--stats", a.toString(),
                nan.toString());
        Path far = Files.writeString(dir.resolve("far.json"), json.replace("\"turn\": 4,", "\"turn\": 2147483647,"));
        assertOneLine(far + ": turn_metrics[3].turn is 2147483647, out of range [1, 4] (config.total_turns)",
                "report", far.toString(), "--html", dir.resolve("far.html").toString());
    }

    @Test
    void comparingReportsOfDifferentLengthsWarnsInOneLine() {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "6", "--delay", "0", "--quiet",
                "-o", a.toString()).code());
        assertEquals(0, CliTest.longhaul("run", "--backend", "scripted", "--turns", "4", "--delay", "0", "--quiet",
                "-o", b.toString()).code());
        CliTest.Result r = CliTest.longhaul("compare", a.toString(), b.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("longhaul: warning: " + b + " played 4 turns of script 'seed', " + a + " played 6 turns of "
                + "script 'seed': not the same conversation, so a difference may come from it", r.err().strip());
        assertEquals("", CliTest.longhaul("compare", a.toString(), a.toString()).err());
    }
}
