package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {

    @TempDir
    Path dir;

    @Test
    void theJarCarriesTheModelPromisedInProvenance() throws IOException {
        try (InputStream in = BundledModel.class.getResourceAsStream(BundledModel.RESOURCE)) {
            assertEquals(BundledModel.SHA256, Sha256.of(in));
        }
        assertTrue(BundledModel.class.getResource("/dev/longhaul/backend/llamacpp/models/PROVENANCE.md") != null);
    }

    @Test
    void extractsToTheCacheDirectoryUnderItsChecksum() throws IOException {
        Path model = BundledModel.extract();
        assertEquals(BundledModel.location(), model);
        assertTrue(model.toString().contains(BundledModel.SHA256));
        assertEquals(BundledModel.SIZE, Files.size(model));
        assertEquals(BundledModel.SHA256, Sha256.of(model));
    }

    @Test
    void aDamagedCopyIsReplaced() throws IOException {
        Path target = dir.resolve("m.gguf");
        extract(target);
        byte[] bytes = Files.readAllBytes(target);
        bytes[1000] ^= 0x55; // same size, different content
        Files.write(target, bytes);

        extract(target);
        assertEquals(BundledModel.SHA256, Sha256.of(target));
    }

    @Test
    void aResourceThatDoesNotMatchItsChecksumIsRefusedAndNotLeftBehind() throws IOException {
        Path target = dir.resolve("m.gguf");
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class, () -> ResourceExtractor.extract(BundledModel.class,
                BundledModel.RESOURCE, target, BundledModel.SIZE, wrong));
        assertEquals("resource " + BundledModel.RESOURCE + " has 14616576 bytes and SHA-256 " + BundledModel.SHA256
                + ", expected 14616576 bytes and SHA-256 " + wrong, e.getMessage());
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingResourceIsNamed() {
        IOException e = assertThrows(IOException.class, () -> ResourceExtractor.extract(BundledModel.class,
                "/no/such.gguf", dir.resolve("x"), 1, "ab"));
        assertEquals("resource /no/such.gguf is not on the class path", e.getMessage());
    }

    private static void extract(Path target) throws IOException {
        ResourceExtractor.extract(BundledModel.class, BundledModel.RESOURCE, target, BundledModel.SIZE,
                BundledModel.SHA256);
    }
}
