package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufHeaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBundledModelsHeader() throws IOException {
        GgufHeader h = GgufHeader.read(GgufTestFiles.bundledModel());
        assertEquals(3, h.version());
        assertEquals("llama", h.architecture());
        assertEquals(Optional.of("tiny-code-chat"), h.name());
        assertEquals(Optional.of(4096L), h.contextLength());
        assertEquals(Optional.of("llama"), h.tokenizerModel());
        assertEquals(Optional.of(true), h.addBosToken());
        assertTrue(h.addsBos());
        assertTrue(h.chatTemplate().orElseThrow().contains("<|im_start|>"));
        assertEquals(56, h.tensorCount());
    }

    @Test
    void emptyFile() throws IOException {
        assertProblem("is empty", Files.createFile(dir.resolve("empty.gguf")));
    }

    @Test
    void notAGgufFile() throws IOException {
        assertProblem("is not a GGUF file (it starts with bytes 50 4b 5a 5a, a GGUF file with 47 47 55 46 \"GGUF\")",
                GgufTestFiles.garbage(dir.resolve("garbage.gguf")));
    }

    @Test
    void unsupportedVersion() throws IOException {
        assertProblem("has GGUF version 7, but only versions 2 and 3 are supported",
                GgufTestFiles.withVersion(dir.resolve("v7.gguf"), 7));
    }

    @Test
    void truncatedInsideTheMetadata() throws IOException {
        String problem = problem(GgufTestFiles.truncatedModel(dir.resolve("head.gguf"), 50_000));
        assertTrue(problem.startsWith("is truncated or damaged: it ends or breaks off at byte "), problem);
        assertTrue(problem.contains(" of 50000 while reading "), problem);
    }

    @Test
    void truncatedInsideTheTensorData() throws IOException {
        assertProblem("is truncated: tensor 'output_norm.weight' needs the file to reach byte 14616576, but it has "
                + "7000000 bytes", GgufTestFiles.truncatedModel(dir.resolve("half.gguf"), 7_000_000));
        String oneByteShort = problem(GgufTestFiles.truncatedModel(dir.resolve("short.gguf"), 14_616_575));
        assertTrue(oneByteShort.endsWith("needs the file to reach byte 14616576, but it has 14616575 bytes"),
                oneByteShort);
    }

    @Test
    void missingArchitecture() throws IOException {
        assertProblem("has no general.architecture key",
                GgufTestFiles.withoutTensors(dir.resolve("noarch.gguf"), Map.of("general.name", "x")));
    }

    @Test
    void aMinimalFileWithoutTensorsIsWellFormed() throws IOException {
        GgufHeader h = GgufHeader.read(GgufTestFiles.withoutTensors(dir.resolve("min.gguf"),
                Map.of("general.architecture", "nonsense")));
        assertEquals("nonsense", h.architecture());
        assertEquals(0, h.tensorCount());
        assertEquals(Optional.empty(), h.contextLength());
    }

    private static void assertProblem(String expected, Path file) {
        assertEquals(expected, problem(file));
    }

    private static String problem(Path file) {
        return assertThrows(GgufFormatException.class, () -> GgufHeader.read(file)).getMessage();
    }
}
