package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OllamaModelFactsTest {

    private static OllamaSettings settings() throws BackendException {
        return OllamaSettings.from(BackendConfig.builder("ollama").model("qwen2.5-coder:7b").build());
    }

    @Test
    void showGivesFamilySizeQuantisationAndTheTrainedContext() throws Exception {
        OllamaModelFacts facts = new OllamaModelFacts(settings()).serverVersion("0.12.6")
                .show(Fixture.JSON.readTree(Fixture.load("05-show").responseBody()));

        BackendInfo info = facts.toInfo();

        assertEquals("ollama", info.provider());
        assertEquals("qwen2.5-coder:7b", info.model());
        assertNull(info.kvType());
        assertEquals(8192, info.contextSize());
        assertEquals(32768, facts.modelContextLength());
        assertEquals(32768, info.trainedContextSize());
        assertEquals(List.of("server_version", "family", "parameter_size", "quantization_level", "format",
                "architecture", "parameter_count", "model_context_length", "num_ctx", "url"),
                List.copyOf(info.facts().keySet()));
        assertEquals("qwen2", info.facts().get("family"));
        assertEquals("7.6B", info.facts().get("parameter_size"));
        assertEquals("Q4_K_M", info.facts().get("quantization_level"));
        assertEquals(7615616512L, info.facts().get("parameter_count"));
        assertEquals(32768, info.facts().get("model_context_length"));
    }

    @Test
    void withoutShowTheInfoHasTheRequestedWindowOnly() throws BackendException, IOException {
        BackendInfo info = new OllamaModelFacts(settings()).show(Fixture.JSON.readTree("{}")).toInfo();

        assertEquals(8192, info.contextSize());
        assertEquals(List.of("num_ctx", "url"), List.copyOf(info.facts().keySet()));
    }
}
