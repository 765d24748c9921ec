package dev.longhaul.backend.ollama;

import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaSettingsTest {

    @Test
    void defaultsAreTheSeedsUrlAndWindowAndStreaming() throws BackendException {
        OllamaSettings s = OllamaSettings.from(BackendConfig.builder("ollama").model("llama3").build());

        assertEquals(URI.create("http://localhost:11434"), s.baseUrl());
        assertEquals(8192, s.numCtx());
        assertTrue(s.stream());
        assertNull(s.temperature());
        assertNull(s.seed());
        assertNull(s.numPredict());
    }

    @Test
    void configValuesOverrideTheDefaults() throws BackendException {
        OllamaSettings s = OllamaSettings.from(BackendConfig.builder("ollama").model("qwen2.5-coder:7b")
                .baseUrl("http://gpu-box:11500/").contextSize(16384).temperature(0.7).seed(42L).maxTokens(2048)
                .option(HttpOptions.STREAM, false).build());

        assertEquals(URI.create("http://gpu-box:11500"), s.baseUrl());
        assertEquals(URI.create("http://gpu-box:11500/api/chat"), s.endpoint("/api/chat"));
        assertEquals(16384, s.numCtx());
        assertEquals(0.7, s.temperature());
        assertEquals(42L, s.seed());
        assertEquals(2048, s.numPredict());
        assertEquals(false, s.stream());
    }

    @Test
    void aMissingModelIsAConfigurationError() {
        BackendException e = assertThrows(BackendException.class,
                () -> OllamaSettings.from(BackendConfig.builder("ollama").model("  ").build()));

        assertEquals(BackendException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("needs a model"), e.getMessage());
    }
}
