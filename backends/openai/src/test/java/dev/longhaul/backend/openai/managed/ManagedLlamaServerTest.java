package dev.longhaul.backend.openai.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedLlamaServerTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @AfterEach
    void noStandInLeftRunning() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("StandInLlamaServer")).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left.stream().map(ProcessHandle::pid).toList(), "stand-in servers left running");
    }

    private LaunchOptions options() {
        return LaunchOptions.defaults(dir.resolve("arm.server.log")).withStartupTimeout(Duration.ofSeconds(30))
                .withStopGrace(Duration.ofSeconds(5));
    }

    @Test
    void startsWaitsUntilHealthyRecordsCommandAndKvLinesAndStops() throws Exception {
        Path binary = StandIn.binary(dir, Map.of("STANDIN_LOADING_MS", "800"));
        Path model = StandIn.model(dir);
        LaunchOptions options = options().withContextSize(2048).withSeed(7L).withThreads(2);

        ManagedLlamaServer server = assertTimeoutPreemptively(BOUND,
                () -> ManagedLlamaServer.start(binary, model, "turbo4", options));
        long pid;
        try {
            pid = server.pid();
            // start() returns only after the 503 "Loading model" phase: the first probe now gets 200.
            assertEquals(200, get(server, "/health"));
            assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl().toString());
            assertEquals(List.of(binary.toString(), "-m", model.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(server.port()), "-c", "2048", "-np", "1", "-fa", "on",
                    "-ctk", "turbo4", "-ctv", "turbo4", "--seed", "7", "-t", "2"), server.commandLine());
            assertEquals(options.logFile(), server.logFile());
            List<String> kv = server.kvLogLines();
            assertTrue(kv.stream().anyMatch(l -> l.startsWith("llama_kv_cache: size =") && l.contains("2048 cells")
                    && l.contains("K (turbo4)") && l.contains("V (turbo4)")), kv.toString());

            BackendConfig config = server.backendConfig(BackendConfig.builder("openai").kvType("turbo4").build());
            assertEquals("llama-server", config.provider());
            assertEquals(Optional.of(server.baseUrl()), config.baseUrl());
            assertEquals(Optional.of(server.logFile().toString()), config.option("server_log"));
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process gone after close");
        assertThrows(ConnectException.class, () -> get(server, "/health"));
    }

    @Test
    void missingBinaryIsAOneLineErrorNamingIt() {
        Path binary = dir.resolve("no-such-llama-server");
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "f16", options()));
        assertEquals("llama-server binary " + binary + " does not exist or is not a file", e.getMessage());
    }

    @Test
    void nonExecutableBinaryIsRefused() throws IOException {
        Path binary = Files.writeString(dir.resolve("llama-server"), "#!/bin/sh\nexit 0\n");
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "f16", options()));
        assertEquals("llama-server binary " + binary + " is not executable", e.getMessage());
    }

    @Test
    void missingModelFileIsRefusedBeforeStarting() throws IOException {
        Path binary = StandIn.binary(dir, Map.of());
        Path model = dir.resolve("missing.gguf");
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> ManagedLlamaServer.start(binary, model, "f16", options()));
        assertEquals("model file " + model + " for " + binary + " does not exist", e.getMessage());
    }

    @Test
    void serverExitingDuringStartUpReportsItsLastLogLine() throws IOException {
        Path binary = StandIn.binary(dir, Map.of());
        ServerStartException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ServerStartException.class,
                () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "bogus", options())));
        assertEquals("llama-server binary " + binary + " exited with status 1 during start-up: "
                + "error while handling argument \"-ctk\": Unsupported cache type: bogus", e.getMessage());
    }

    @Test
    void portTakenMeanwhileIsRetriedOnceOnAnotherPort() throws Exception {
        Path binary = StandIn.binary(dir, Map.of("STANDIN_LOADING_MS", "0"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int free = probe.getLocalPort();
            probe.close();
            IntSupplier ports = ports(taken.getLocalPort(), free);
            try (ManagedLlamaServer server = assertTimeoutPreemptively(BOUND,
                    () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "q8_0", options(), ports))) {
                assertEquals(free, server.port());
                assertEquals(200, get(server, "/health"));
                assertTrue(server.commandLine().contains(Integer.toString(free)));
            }
        }
    }

    @Test
    void portTakenTwiceIsReported() throws Exception {
        Path binary = StandIn.binary(dir, Map.of());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServerStartException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ServerStartException.class,
                    () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "q8_0", options(), ports(port, port))));
            assertEquals("llama-server binary " + binary + " exited with status 1 during start-up: "
                    + "main: exiting due to HTTP server error (tried twice)", e.getMessage());
        }
    }

    @Test
    void serverNeverReadyTimesOutAndIsStopped() throws IOException {
        Path binary = StandIn.binary(dir, Map.of("STANDIN_NEVER_READY", "1"));
        LaunchOptions options = options().withStartupTimeout(Duration.ofSeconds(2));
        ServerStartException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ServerStartException.class,
                () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "f16", options)));
        assertTrue(e.getMessage().startsWith("llama-server binary " + binary
                + " was not ready (GET /health 200) within 2 s; last log line: "), e.getMessage());
        // @AfterEach checks that the process was stopped.
    }

    @Test
    void serverDyingMidArmGivesFailedTurnsAndAReport() throws Exception {
        Path binary = StandIn.binary(dir, Map.of("STANDIN_EXIT_AFTER", "2", "STANDIN_LOADING_MS", "0"));
        try (ManagedLlamaServer server = assertTimeoutPreemptively(BOUND,
                () -> ManagedLlamaServer.start(binary, StandIn.model(dir), "turbo4", options()))) {
            BackendConfig config = server.backendConfig(BackendConfig.builder("llama-server").kvType("turbo4")
                    .option(HttpOptions.MAX_RETRIES, 0).timeout(Duration.ofSeconds(10)).build());
            SessionReport report = assertTimeoutPreemptively(BOUND, () -> LongSession.builder().backend(config)
                    .turns(8).delay(Duration.ZERO).maxConsecutiveFailures(3).run());

            assertEquals(2, report.turnMetrics().size());
            List<FailedTurn> failed = report.failedTurns();
            assertEquals(List.of(3, 4, 5), failed.stream().map(FailedTurn::turn).toList());
            assertEquals(FailureKind.UNREACHABLE, failed.get(failed.size() - 1).kind());
            assertTrue(report.config().extra().get("stopped_early").toString().startsWith("3 consecutive failed"));
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = (Map<String, Object>) report.config().extra().get("backend_info");
            assertEquals("turbo4", facts.get("kv_cache_k_type"), "the cache type comes from the server's log");
        }
    }

    private static IntSupplier ports(int... values) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int v : values) {
            queue.add(v);
        }
        return queue::removeFirst;
    }

    private static int get(ManagedLlamaServer server, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
