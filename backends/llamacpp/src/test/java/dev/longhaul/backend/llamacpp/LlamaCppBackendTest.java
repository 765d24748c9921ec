package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Real inference on the bundled model with each KV cache type; short answers to keep it quick. */
class LlamaCppBackendTest {

    @Test
    void theProviderIsFoundByName() {
        assertTrue(Backends.discover().names().contains("llamacpp"));
    }

    @ParameterizedTest
    @CsvSource({"f16, off", "q8_0, on", "q4_0, on"})
    void loadsWithTheCacheTypeAppliedAndAnswers(String kvType, String flashAttention) throws BackendException {
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy(kvType, 32)
                .option(LlamaCppOptions.KV_LOG.name(), "probe").build())) {
            BackendInfo info = backend.info();
            assertEquals("llamacpp", info.provider());
            assertEquals("tiny-code-chat", info.model());
            assertEquals(kvType, info.kvType());
            assertEquals(4096, info.contextSize());
            assertEquals(4096, info.trainedContextSize(), "llama.context_length of the file's header");
            assertEquals(kvType, info.facts().get("kv_type_k"));
            assertEquals(kvType, info.facts().get("kv_type_v"));
            assertEquals(flashAttention, info.facts().get("flash_attention"));
            String kvLog = (String) info.facts().get("kv_log");
            assertTrue(kvLog.contains("type_k = '" + kvType + "', type_v = '" + kvType + "'"), kvLog);
            assertTrue(kvLog.contains("K (" + kvType + ")"), kvLog);
            assertEquals("tiny-code-chat.gguf", info.facts().get("model_file"));
            assertEquals(BundledModel.SHA256, info.facts().get("model_sha256"));
            assertEquals("4916 (c6af2161)", info.facts().get("llama_cpp_build"));

            ChatResponse answer = backend.chat(new ChatRequest(TinyModelConfigs.firstTurn()));
            assertTrue(answer.content().contains("TokenBucket"), answer.content());
            GenerationStats stats = answer.stats();
            assertTrue(stats.promptTokens() > 20, "prompt tokens " + stats.promptTokens());
            assertEquals(0, stats.cachedPromptTokens());
            assertTrue(stats.completionTokens() > 0 && stats.completionTokens() <= 32);
            assertNotNull(stats.timeToFirstToken());
            assertTrue(stats.timeToFirstToken().compareTo(stats.elapsed()) <= 0);
            assertEquals(stats.completionTokens() == 32 ? "length" : "stop", answer.finishReason());
        }
    }

    @Test
    void kAndVCanDifferAndTheLabelSaysBoth() throws BackendException {
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("q8_0", 8)
                .option(LlamaCppOptions.KV_TYPE_V.name(), "q4_0").option(LlamaCppOptions.KV_LOG.name(), "probe")
                        .build())) {
            assertEquals("q8_0/q4_0", backend.info().kvType());
            String kvLog = (String) backend.info().facts().get("kv_log");
            assertTrue(kvLog.contains("type_k = 'q8_0', type_v = 'q4_0'"), kvLog);
            assertTrue(backend.chat(new ChatRequest(TinyModelConfigs.firstTurn())).stats().completionTokens() > 0);
        }
    }

    @Test
    void sameSeedAndSettingsGiveTheSameAnswer() throws BackendException {
        String first = sampledAnswer();
        String second = sampledAnswer();
        assertEquals(first, second);
        assertTrue(first.length() > 20, first);
    }

    private static String sampledAnswer() throws BackendException {
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", 48)
                .temperature(0.7).seed(7L).build())) {
            return backend.chat(new ChatRequest(TinyModelConfigs.firstTurn())).content();
        }
    }

    @Test
    void temperatureZeroIsGreedyAndRepeatable() throws BackendException {
        String a;
        String b;
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("q8_0", 48).build())) {
            a = backend.chat(new ChatRequest(TinyModelConfigs.firstTurn())).content();
        }
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("q8_0", 48).seed(99L).build())) {
            b = backend.chat(new ChatRequest(TinyModelConfigs.firstTurn())).content();
        }
        assertEquals(a, b, "greedy decoding does not depend on the seed");
    }
}
