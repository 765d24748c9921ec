package dev.longhaul.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileAndNoTemporaryOne() throws Exception {
        Path file = Files.writeString(dir.resolve("scores.jsonl"), "earlier\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, StandardCharsets.UTF_8, out -> {
            out.write("half of the new content\n");
            throw new IOException("bad input on line 2");
        }));
        assertEquals("bad input on line 2", e.getMessage());
        assertEquals("earlier\n", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aThreadWithItsInterruptStatusSetStillWrites() throws Exception {
        Path file = dir.resolve("report.json");
        Thread.currentThread().interrupt();
        try {
            AtomicFile.write(file, "{}", StandardCharsets.US_ASCII);
        } finally {
            assertTrue(Thread.interrupted(), "the status stays set");
        }
        assertEquals("{}", Files.readString(file));
    }
}
