package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ab --parallel}: arms played at the same time, on the bundled model with the embedded backend. */
class AbParallelTest {

    @TempDir
    Path dir;

    @Test
    void twoEmbeddedArmsPlayAtTheSameTimeAndEachAnswersEveryTurn() {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q8_0", "--turns", "3", "--max-tokens", "24",
                "--threads", "1", "--parallel", "2", "--free-running", "--output-dir", dir.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        int secondStarted = r.out().indexOf("=== arm 2/2: kv q8_0");
        int firstSaved = r.out().indexOf("Report saved to:");
        assertTrue(secondStarted >= 0 && firstSaved > secondStarted,
                "the second arm started before the first one's report was saved:\n" + r.out());
        for (String kv : new String[] {"f16", "q8_0"}) {
            SessionReport report = ReportCodec.read(dir.resolve(kv + ".json"));
            assertEquals(kv, report.config().kvType());
            assertEquals(3, report.turnMetrics().size(), kv + ": every turn answered");
            assertEquals(0, report.failedTurns().size());
        }
        assertTrue(r.out().contains("QUALITY COMPARISON: f16 vs q8_0"), r.out());
    }

    @Test
    void parallelRunsAreIndependentRunsAndTheirNumberIsChecked() {
        CliTest.Result shared = CliTest.longhaul("ab", "--parallel", "2", "--shared-history", "--turns", "1",
                "--output-dir", dir.toString());
        assertEquals(2, shared.code(), shared.out() + shared.err());
        assertEquals("longhaul: --parallel plays independent runs; shared history (the default) plays its arms in "
                + "lockstep, so give --free-running or leave --parallel out", shared.err().strip());

        CliTest.Result zero = CliTest.longhaul("ab", "--parallel", "0", "--turns", "1", "--output-dir", dir.toString());
        assertEquals(2, zero.code(), zero.out() + zero.err());
        assertEquals("longhaul: --parallel 0 is out of range [1, 64]", zero.err().strip());
    }
}
