package dev.longhaul.backend.ollama;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaProviderTest {

    @Test
    void theServiceLoaderFindsTheProviderByName() {
        assertInstanceOf(OllamaProvider.class, Backends.discover().provider("ollama"));
    }

    @Test
    void createsABackendWithoutContactingTheServer() throws BackendException {
        // Port 9 (discard) on loopback: nothing listens, and nothing is asked before the first turn.
        BackendConfig config = BackendConfig.builder("ollama").model("llama3.2").baseUrl("http://127.0.0.1:9").build();

        try (Backend backend = Backends.discover().create(config)) {
            OllamaBackend ollama = assertInstanceOf(OllamaBackend.class, backend);
            assertEquals("llama3.2", ollama.settings().model());
        }
    }

    @Test
    void aConfigWithoutModelFailsFast() {
        BackendException e = assertThrows(BackendException.class,
                () -> new OllamaProvider().create(BackendConfig.builder("ollama").build()));

        assertEquals(BackendException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }
}
