package dev.longhaul.backend.openai.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import dev.longhaul.testing.Checkout;
import dev.longhaul.testing.LlamaCppTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ManagedLlamaServer} on a real upstream llama-server ({@link LlamaCppTool#UPSTREAM_SERVER}) with the bundled
 * model: it starts, its log shows the cache type asked for, a session runs over it, and it stops. Skipped, saying so,
 * where there is no such binary.
 */
class RealLlamaServerTest {

    @TempDir
    Path dir;

    @Test
    void realServerRunsTwoTurnsWithQ8CacheAndItsLogShowsIt() throws Exception {
        Path binary = LlamaCppTool.UPSTREAM_SERVER.require();
        LaunchOptions options = LaunchOptions.defaults(dir.resolve("q8_0.server.log")).withContextSize(1024)
                .withSeed(42L).withThreads(1);
        ManagedLlamaServer server = assertTimeoutPreemptively(Duration.ofSeconds(150),
                () -> ManagedLlamaServer.start(binary, Checkout.bundledModel(), "q8_0", options));
        try (server) {
            assertTrue(server.kvLogLines().stream().anyMatch(l -> l.contains("K (q8_0)") && l.contains("V (q8_0)")),
                    server.kvLogLines().toString());
            BackendConfig config = server.backendConfig(BackendConfig.builder("llama-server").kvType("q8_0")
                    .maxTokens(32).timeout(Duration.ofSeconds(60)).build());
            SessionReport report = assertTimeoutPreemptively(Duration.ofSeconds(180),
                    () -> LongSession.builder().backend(config).turns(2).delay(Duration.ZERO).run());
            assertEquals(2, report.turnMetrics().size(), report.failedTurns().toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = (Map<String, Object>) report.config().extra().get("backend_info");
            assertEquals("q8_0", facts.get("kv_cache_k_type"));
            assertEquals(12.75 / 4, ((Number) facts.get("kv_cache_size_mib")).doubleValue(), 0.01,
                    "q8_0 at 1024 cells: a quarter of the 12.75 MiB at 4096");
        }
        assertFalse(server.isAlive());
    }
}
