package dev.longhaul.backend.openai.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real llama-server: the one env LLAMA_SERVER names, else {@code llama-server} on the PATH; with the
 * bundled tiny model (or env LLAMA_MODEL). Skipped, saying so, where there is none.
 */
class RealLlamaServerTest {

    private static final Path BUNDLED_MODEL =
            Path.of("../llamacpp/src/main/resources/dev/longhaul/backend/llamacpp/models/tiny-code-chat.gguf");

    @TempDir
    Path dir;

    @Test
    void realServerRunsTwoTurnsWithQ8CacheAndItsLogShowsIt() throws Exception {
        Optional<Path> binary = binary();
        assumeTrue(binary.isPresent(),
                "skipped: no real llama-server (set LLAMA_SERVER or put llama-server on the PATH)");
        Path model = Optional.ofNullable(System.getenv("LLAMA_MODEL")).map(Path::of).orElse(BUNDLED_MODEL);
        assumeTrue(Files.isRegularFile(model), "skipped: no model file at " + model + " (set LLAMA_MODEL)");

        LaunchOptions options = LaunchOptions.defaults(dir.resolve("q8_0.server.log")).withContextSize(1024)
                .withSeed(42L).withThreads(2);
        ManagedLlamaServer server = assertTimeoutPreemptively(Duration.ofSeconds(150),
                () -> ManagedLlamaServer.start(binary.get(), model, "q8_0", options));
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
        }
        assertFalse(server.isAlive());
    }

    private static Optional<Path> binary() {
        String named = System.getenv("LLAMA_SERVER");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, "llama-server")).filter(Files::isExecutable).findFirst();
    }
}
