package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlamaCppSettingsTest {

    private static BackendConfig.Builder config() {
        return BackendConfig.builder("llamacpp");
    }

    @Test
    void defaults() throws BackendException {
        LlamaCppSettings s = LlamaCppSettings.from(config().build());
        assertEquals(Optional.empty(), s.modelFile());
        assertEquals(Optional.empty(), s.contextSize());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.threads());
        assertEquals(0.7, s.temperature());
        assertEquals(42, s.seed());
        assertEquals(512, s.maxTokens());
        assertEquals(KvCacheType.F16, s.typeK());
        assertEquals(KvCacheType.F16, s.typeV());
        assertFalse(s.flashAttentionOn());
        assertTrue(s.prefixReuse());
        assertTrue(s.kvLogProbe());
        assertFalse(s.nativeLogToStderr());
    }

    @Test
    void configValuesWin() throws BackendException {
        LlamaCppSettings s = LlamaCppSettings.from(config().option(LlamaCppOptions.MODEL_FILE, Path.of("m.gguf"))
                .contextSize(1024).option(LlamaCppOptions.THREADS, 1)
                .temperature(0.0).seed(7L).maxTokens(16).kvType("q8_0").build());
        assertEquals(Optional.of(Path.of("m.gguf")), s.modelFile());
        assertEquals(Optional.of(1024), s.contextSize());
        assertEquals(1, s.threads());
        assertEquals(0.0, s.temperature());
        assertEquals(7, s.seed());
        assertEquals(16, s.maxTokens());
        assertEquals(KvCacheType.Q8_0, s.typeK());
        assertEquals(KvCacheType.Q8_0, s.typeV());
    }

    @Test
    void optionsOverrideOneSideOfTheCacheAndFlashAttentionFollowsTheValueSide() throws BackendException {
        LlamaCppSettings vQuantized = LlamaCppSettings.from(config().kvType("f16").option("kv_type_v", "q4_0").build());
        assertEquals(KvCacheType.F16, vQuantized.typeK());
        assertEquals(KvCacheType.Q4_0, vQuantized.typeV());
        assertTrue(vQuantized.flashAttentionOn());

        LlamaCppSettings kQuantized = LlamaCppSettings.from(config().option("kv_type_k", "q8_0").build());
        assertEquals(KvCacheType.Q8_0, kQuantized.typeK());
        assertFalse(kQuantized.flashAttentionOn(), "a quantized K cache alone does not need flash attention");

        assertTrue(LlamaCppSettings.from(config().option("flash_attn", "on").build()).flashAttentionOn());
    }

    @Test
    void switchesParse() throws BackendException {
        LlamaCppSettings s = LlamaCppSettings.from(config().option("prefix_reuse", "false").option("kv_log", "off")
                .option("native_log", "stderr").build());
        assertFalse(s.prefixReuse());
        assertFalse(s.kvLogProbe());
        assertTrue(s.nativeLogToStderr());
    }

    @Test
    void badValuesGiveOneLineErrorsNamingThem() {
        assertMessage("llamacpp: option 'kv_typ_k' is unknown; known options: kv_type_k, kv_type_v, flash_attn, "
                + "prefix_reuse, kv_log, native_log, threads, model_file", config().option("kv_typ_k", "q8_0"));
        assertMessage("llamacpp: option prefix_reuse='maybe' must be true or false",
                config().option("prefix_reuse", "maybe"));
        assertMessage("llamacpp: option flash_attn='sometimes' must be auto, on or off",
                config().option("flash_attn", "sometimes"));
        assertMessage("llamacpp: option kv_log='yes' must be probe or off", config().option("kv_log", "yes"));
        assertMessage("llamacpp: V cache type q8_0 needs flash attention (llama.cpp refuses a quantized V cache "
                + "without it), but flash_attn=off", config().kvType("q8_0").option("flash_attn", "off"));
        assertMessage("llamacpp: seed 4294967295 is out of range [0, 2147483647]", config().seed(4294967295L));
        assertMessage("llamacpp: kv type 'fp8' is not a KV cache type of llama.cpp build 4916; valid: f32, f16, "
                + "bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1", config().kvType("fp8"));
        assertMessage("llamacpp: threads 100000 is out of range [1, 512] (llama.cpp's GGML_MAX_N_THREADS)",
                config().option(LlamaCppOptions.THREADS, 100_000));
    }

    @Test
    void theProviderChecksAConfigWithoutLoadingAModel() throws BackendException {
        LlamaCppProvider provider = new LlamaCppProvider();
        provider.validate(config().kvType("q4_0").build());
        BackendException e = assertThrows(BackendException.class,
                () -> provider.validate(config().kvType("q3_zzz")
                        .option(LlamaCppOptions.MODEL_FILE, java.nio.file.Path.of("/no/such.gguf"))
                        .build()));
        assertTrue(e.getMessage().contains("'q3_zzz'"), e.getMessage());
    }

    private static void assertMessage(String expected, BackendConfig.Builder config) {
        BackendException e = assertThrows(BackendException.class, () -> LlamaCppSettings.from(config.build()));
        assertEquals(BackendException.Kind.CONFIGURATION, e.kind());
        assertEquals(expected, e.getMessage());
    }
}
