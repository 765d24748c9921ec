package dev.longhaul.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** What a backend URL may be: credentials are refused without ever being shown, ports stay in range. */
class BackendConfigUrlTest {

    @Test
    void aUrlWithCredentialsIsRefusedAndThePasswordIsNeverInTheMessage() {
        for (String url : new String[] {"http://alice:secret@127.0.0.1:8080", "http://alice:secret@host/v1",
                "https://alice:s%40cret@host:443/", "http://alice:secret@ho st:8080"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BackendConfig.builder("llama-server").baseUrl(url));
            assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("s%40cret"), e.getMessage());
            assertFalse(e.getMessage().contains("alice"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.builder("llama-server").baseUrl("http://alice:secret@127.0.0.1:8080"));
        assertEquals("url 'http://***@127.0.0.1:8080' has credentials in it: longhaul refuses them, as the URL is "
                + "stored in reports and journals; give an API key by the name of its environment variable instead",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.builder("llama-server").baseUrl(URI.create("http://bob:pw@host:1")));
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendConfig.builder("llama-server").baseUrl("http://127.0.0.1:99999"));
        assertEquals("url 'http://127.0.0.1:99999' has port 99999, out of range [1, 65535]", e.getMessage());
        assertEquals(65535, BackendConfig.builder("llama-server").baseUrl("http://127.0.0.1:65535").build()
                .baseUrl().orElseThrow().getPort());
    }
}
