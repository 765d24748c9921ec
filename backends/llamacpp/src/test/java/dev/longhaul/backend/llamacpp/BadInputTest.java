package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad model files, cache types and oversized prompts give one-line errors and never crash the JVM. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void missingModelFile() {
        Path missing = dir.resolve("nope.gguf");
        assertConfiguration("llamacpp: model file " + missing + " does not exist", withModel(missing, "off"));
    }

    @Test
    void directoryInsteadOfAFile() {
        assertConfiguration("llamacpp: model file " + dir + " is a directory, not a .gguf file", withModel(dir, "off"));
    }

    @Test
    void garbageModelFile() throws IOException {
        Path file = GgufTestFiles.garbage(dir.resolve("garbage.gguf"));
        assertConfiguration("llamacpp: model file " + file + " is not a GGUF file (it starts with bytes 50 4b 5a 5a,"
                + " a GGUF file with 47 47 55 46 \"GGUF\")", withModel(file, "off"));
    }

    @Test
    void truncatedModelFile() throws IOException {
        Path file = GgufTestFiles.truncatedModel(dir.resolve("half.gguf"), 7_000_000);
        assertConfiguration("llamacpp: model file " + file + " is truncated: tensor 'output_norm.weight' needs the "
                + "file to reach byte 14616576, but it has 7000000 bytes", withModel(file, "off"));
    }

    @Test
    void wellFormedFileThatLlamaCppRefusesIsExplainedByTheProbe() throws IOException {
        Path file = GgufTestFiles.withoutTensors(dir.resolve("hollow.gguf"),
                Map.of("general.architecture", "llama", "general.name", "hollow"));
        String message = configurationError(withModel(file, "probe"));
        assertTrue(message.startsWith("llamacpp: llama.cpp could not load model file " + file
                + " with n_ctx 4096, KV cache f16, flash attention off: "), message);
        assertTrue(message.contains("key not found in model: llama.context_length"), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void wellFormedFileThatLlamaCppRefusesWithoutTheProbeStillFailsCleanly() throws IOException {
        Path file = GgufTestFiles.withoutTensors(dir.resolve("hollow.gguf"), Map.of("general.architecture", "llama"));
        String message = configurationError(withModel(file, "off"));
        assertEquals("llamacpp: llama.cpp could not load model file " + file + " with n_ctx 4096, KV cache f16, "
                + "flash attention off: could not load model from given file path (set option kv_log=probe or "
                + "native_log=stderr to see why)", message);
    }

    /** The architectures of current models that llama.cpp build 4916 lacks, and one no llama.cpp has. */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "qwen3moe", "llama4", "gemma3n", "gpt-oss", "glm4", "qwen35", "qwen35moe", "alien"})
    void anArchitectureTheBundledLlamaCppLacksIsNamedWithTheWayOut(String architecture) throws IOException {
        Path file = GgufTestFiles.withoutTensors(dir.resolve(architecture + ".gguf"),
                Map.of("general.architecture", architecture, "general.name", "a " + architecture + " model"));
        // Refused from the header: llama.cpp (the probe) would say "could not load ... unknown model architecture".
        assertConfiguration("llamacpp: model file " + file + " has architecture '" + architecture + "', which the "
                + "bundled llama.cpp (build 4916 in de.kherud:llama 4.2.0) cannot load; run it on a current "
                + "llama-server instead: ab --server-bin PATH/llama-server --model-file " + file + ", or point --urls "
                + "(ab) or --backend llama-server --url (run) at servers you started", withModel(file, "probe"));
    }

    @Test
    void unknownCacheType() {
        assertConfiguration("llamacpp: kv type 'q3_k' is not a KV cache type of llama.cpp build 4916; valid: f32, "
                + "f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1", TinyModelConfigs.greedy("q3_k", 8).build());
    }

    @Test
    void promptLargerThanTheContextNamesTheTokenCounts() throws BackendException {
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 8).contextSize(64).build())) {
            String longPrompt = "Write a Python class called RateLimiter. ".repeat(20);
            BackendException e = assertThrows(BackendException.class,
                    () -> backend.chat(new ChatRequest(List.of(ChatMessage.user(longPrompt)))));
            assertEquals(BackendException.Kind.CONTEXT_EXCEEDED, e.kind());
            assertTrue(e.getMessage().matches("llamacpp: the prompt has \\d+ tokens, but the context holds 64 "
                    + "\\(one answer token needs \\d+\\)"), e.getMessage());
        }
    }

    @Test
    void aPromptThatLeavesRoomForOneTokenGetsOneToken() throws BackendException {
        ChatRequest request = new ChatRequest(TinyModelConfigs.firstTurn());
        int promptTokens;
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 1).build())) {
            promptTokens = backend.chat(request).stats().promptTokens();
        }
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 64)
                .contextSize(promptTokens + 1).build())) {
            ChatResponse answer = backend.chat(request);
            assertEquals(1, answer.stats().completionTokens());
            assertEquals("length", answer.finishReason());
            assertEquals(1, answer.extra().get("n_predict"));
        }
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 64)
                .contextSize(promptTokens).build())) {
            BackendException e = assertThrows(BackendException.class, () -> backend.chat(request));
            assertEquals("llamacpp: the prompt has " + promptTokens + " tokens, but the context holds " + promptTokens
                    + " (one answer token needs " + (promptTokens + 1) + ")", e.getMessage());
        }
    }

    private static BackendConfig withModel(Path file, String kvLog) {
        return TinyModelConfigs.greedy("f16", 8).option(LlamaCppOptions.MODEL_FILE, file)
                .option(LlamaCppOptions.KV_LOG.name(), kvLog).build();
    }

    private static void assertConfiguration(String expected, BackendConfig config) {
        assertEquals(expected, configurationError(config));
    }

    private static String configurationError(BackendConfig config) {
        BackendException e = assertThrows(BackendException.class, () -> Backends.discover().create(config).close());
        assertEquals(BackendException.Kind.CONFIGURATION, e.kind(), e.getMessage());
        return e.getMessage();
    }
}
