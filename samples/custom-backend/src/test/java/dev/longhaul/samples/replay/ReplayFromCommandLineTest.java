package dev.longhaul.samples.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.cli.Main;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.TurnInput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, in-process, with this module on the class path: it finds {@code replay} by name. */
class ReplayFromCommandLineTest {

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    @Test
    void longhaulBackendsListsTheProviderWithItsClass() {
        Result r = longhaul("backends");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("replay\\s+" + ReplayProvider.class.getName().replace(".", "\\."))),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("llamacpp ")), "the built-in providers still listed: " + r.out());
    }

    @Test
    void runReplaysTheRecordingAndScoresEveryAnswerAsTheSeedWould() throws Exception {
        Path recording = Recordings.seedTurns(dir.resolve("recorded.jsonl"), 5);
        Path out = dir.resolve("replayed.json");
        Result r = longhaul("run", "--backend", "replay", "--backend-option", "file=" + recording, "--turns", "5",
                "--delay", "0", "--kv-type", "q8_0", "--save-responses", "--quiet", "-o", out.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        SessionReport report = ReportCodec.read(out);
        assertEquals("replay", report.config().backend());
        assertEquals(5, report.turnMetrics().size());
        HeuristicScorer seed = new HeuristicScorer();
        for (int i = 0; i < 5; i++) {
            SavedResponse saved = report.responses().get(i);
            TurnMetrics metrics = report.turnMetrics().get(i);
            assertEquals(Recordings.answer(i + 1), saved.response(), "turn " + (i + 1));
            double expected = seed.score(new TurnInput(i + 1, saved.phase(), saved.prompt(), saved.response())).qualityScore();
            assertEquals(expected, metrics.qualityScore(), "turn " + (i + 1));
            assertEquals(1.25 * (i + 1), metrics.number("elapsed_s").doubleValue(), "recorded elapsed_s replayed");
            assertEquals(41 + i, metrics.number("tokens_generated").intValue(), "recorded tokens replayed");
        }
    }

    @Test
    void aSavedReportAndItsCheckpointReplayToTheSameMetrics() throws Exception {
        Path original = dir.resolve("original.json");
        assertEquals(0, longhaul("run", "--backend", "replay", "--backend-option",
                "file=" + Recordings.seedTurns(dir.resolve("recorded.jsonl"), 4), "--turns", "4", "--delay", "0",
                "--save-responses", "--quiet", "-o", original.toString()).code());

        for (Path recording : List.of(original, dir.resolve("original.turns.jsonl"))) {
            Path again = dir.resolve("again-" + recording.getFileName() + ".json"); // run never replaces a report
            Result r = longhaul("run", "--backend", "replay", "--backend-option", "file=" + recording, "--turns", "4",
                    "--delay", "0", "--quiet", "--no-checkpoint", "-o", again.toString());
            assertEquals(0, r.code(), recording + ": " + r.err());
            assertEquals(ReportCodec.read(original).turnMetrics(), ReportCodec.read(again).turnMetrics(),
                    "replayed from " + recording.getFileName());
        }
    }

    @Test
    void aRecordingThatDoesNotFitIsAOneLineErrorOrFailedTurns() throws Exception {
        Result noFile = longhaul("run", "--backend", "replay", "--turns", "1", "--delay", "0", "--quiet",
                "-o", dir.resolve("x.json").toString());
        assertEquals(2, noFile.code());
        assertEquals("longhaul: the replay backend needs --backend-option file=RECORDING", noFile.err().strip());

        Path report = dir.resolve("no-responses.json");
        longhaul("run", "--backend", "replay", "--backend-option", "file=" + Recordings.seedTurns(dir.resolve("r.jsonl"), 1),
                "--turns", "1", "--delay", "0", "--quiet", "--no-checkpoint", "-o", report.toString());
        Result noResponses = longhaul("run", "--backend", "replay", "--backend-option", "file=" + report, "--turns", "1",
                "--delay", "0", "--quiet", "--no-checkpoint", "-o", dir.resolve("y.json").toString());
        assertEquals(2, noResponses.code());
        assertTrue(noResponses.err().contains("record the run with --save-responses"), noResponses.err());

        Path shortOne = Recordings.seedTurns(dir.resolve("short.jsonl"), 2);
        Path out = dir.resolve("short.json");
        Result tooFew = longhaul("run", "--backend", "replay", "--backend-option", "file=" + shortOne, "--turns", "3",
                "--delay", "0", "--quiet", "--no-checkpoint", "-o", out.toString());
        assertEquals(0, tooFew.code(), tooFew.err());
        SessionReport partial = ReportCodec.read(out);
        assertEquals(2, partial.turnMetrics().size());
        assertEquals(1, partial.failedTurns().size());
        assertTrue(partial.failedTurns().get(0).message().contains("holds no (further) answer to the prompt"),
                partial.failedTurns().get(0).message());
    }

    static Result longhaul(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
