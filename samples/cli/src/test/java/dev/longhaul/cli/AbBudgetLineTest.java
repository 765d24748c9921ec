package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ab} prints its budget ("Study: … turns to play") first, before it checks each arm's backend config, so the
 * line stands on stdout even when an arm is then refused, as it always has.
 */
class AbBudgetLineTest {

    @TempDir
    Path dir;

    @Test
    void theBudgetLineIsPrintedBeforeAnArmsConfigIsRefused() {
        CliTest.Result r = CliTest.longhaul("ab", "--kv-types", "f16,q3_zzz", "--turns", "1",
                "--output-dir", dir.resolve("study").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("kv type 'q3_zzz' is not a KV cache type"), r.err());
        assertTrue(r.out().contains("Study: 2 arms × 1 repeat × 1 turn = 2 turns to play"), "stdout was: " + r.out());
    }
}
