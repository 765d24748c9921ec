package dev.longhaul.backend.openai.managed;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.openai.OpenAiOptions;
import dev.longhaul.text.OneLine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code llama-server} process this program started, for one arm of a KV cache comparison. {@link #start} runs
 * <pre>
 * BINARY -m MODEL --host 127.0.0.1 --port P -c CTX -np 1 -fa on -ctk TYPE -ctv TYPE [--seed S] [-t THREADS]
 * </pre>
 * on a free loopback port with stdout and stderr going to {@link LaunchOptions#logFile()}, and waits until
 * {@code GET /health} answers 200 (llama-server answers 503 while it loads the model). {@link #close()} stops it:
 * SIGTERM, then a forced kill after {@link LaunchOptions#stopGrace()}. A JVM shutdown hook stops it too should the
 * program end without closing it.
 *
 * <p>Point the {@code llama-server} backend at it with {@link #backendConfig(BackendConfig)}: that also sets the
 * backend's {@code server_log} option, so the run's info reports the cache type the log shows.
 */
public final class ManagedLlamaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagedLlamaServer.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Process process;
    private final List<String> commandLine;
    private final int port;
    private final LaunchOptions options;
    private final Thread shutdownHook;

    private ManagedLlamaServer(Process process, List<String> commandLine, int port, LaunchOptions options) {
        this.process = process;
        this.commandLine = List.copyOf(commandLine);
        this.port = port;
        this.options = options;
        this.shutdownHook = new Thread(this::stop, "stop llama-server " + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param binary    the {@code llama-server} executable
     * @param modelFile the GGUF model
     * @param kvType    the K and V cache type ({@code -ctk}, {@code -ctv}), for example {@code q8_0} or {@code turbo4}
     * @param options   log file, context size, threads, sampling seed, timeouts
     * @return the running server
     * @throws ServerStartException when it cannot be started or does not become ready; no process is left behind
     * @throws InterruptedException when interrupted while waiting; the process is stopped
     */
    public static ManagedLlamaServer start(Path binary, Path modelFile, String kvType, LaunchOptions options)
            throws ServerStartException, InterruptedException {
        return start(binary, modelFile, kvType, options, ManagedLlamaServer::freePort);
    }

    /** As {@link #start(Path, Path, String, LaunchOptions)} with the ports to try from {@code ports}. */
    static ManagedLlamaServer start(Path binary, Path modelFile, String kvType, LaunchOptions options,
                                    IntSupplier ports) throws ServerStartException, InterruptedException {
        Objects.requireNonNull(kvType, "kvType");
        if (!Files.isRegularFile(binary)) {
            throw new ServerStartException("llama-server binary " + binary + " does not exist or is not a file");
        }
        if (!Files.isExecutable(binary)) {
            throw new ServerStartException("llama-server binary " + binary + " is not executable");
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new ServerStartException("model file " + modelFile + " for " + binary + " does not exist");
        }
        try {
            return attempt(binary, modelFile, kvType, options, ports.getAsInt());
        } catch (PortTakenException first) {
            // Another program took the free port between our probe and the server's bind: one more try elsewhere.
            log.info("{}; trying another port", first.getMessage());
            try {
                return attempt(binary, modelFile, kvType, options, ports.getAsInt());
            } catch (PortTakenException second) {
                throw new ServerStartException(second.getMessage() + " (tried twice)");
            }
        }
    }

    private static ManagedLlamaServer attempt(Path binary, Path modelFile, String kvType, LaunchOptions options,
                                              int port) throws ServerStartException, InterruptedException {
        List<String> command = command(binary, modelFile, kvType, options, port);
        Process process;
        try {
            Path logFile = options.logFile().toAbsolutePath();
            if (logFile.getParent() != null) {
                Files.createDirectories(logFile.getParent());
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
        } catch (IOException e) {
            throw new ServerStartException("llama-server binary " + binary + " could not be started: "
                    + (e.getMessage() == null ? "" : OneLine.of(e.getMessage())), e);
        }
        log.info("started llama-server (pid {}): {}", process.pid(), String.join(" ", command));
        ManagedLlamaServer server = new ManagedLlamaServer(process, command, port, options);
        boolean ready = false;
        try {
            server.awaitReady(binary);
            ready = true;
            List<String> kv = server.kvLogLines();
            log.info("llama-server on port {} is ready; KV cache: {}", port, kv.isEmpty() ? "(no log line)" : kv);
            return server;
        } finally {
            if (!ready) {
                server.close();
            }
        }
    }

    static List<String> command(Path binary, Path modelFile, String kvType, LaunchOptions options, int port) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", modelFile.toString(),
                "--host", HOST, "--port", Integer.toString(port), "-c", Integer.toString(options.contextSize()),
                "-np", "1", "-fa", "on", "-ctk", kvType, "-ctv", kvType));
        if (options.seed() != null) {
            command.addAll(List.of("--seed", options.seed().toString()));
        }
        if (options.threads() != null) {
            command.addAll(List.of("-t", options.threads().toString()));
        }
        return command;
    }

    private void awaitReady(Path binary) throws ServerStartException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        HttpRequest health = HttpRequest.newBuilder(baseUrl().resolve("/health")).timeout(PROBE_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                ServerLog serverLog = ServerLog.read(options.logFile());
                String what = "llama-server binary " + binary + " exited with status " + process.exitValue()
                        + " during start-up: " + serverLog.lastLine();
                throw serverLog.portTaken() ? new PortTakenException(what) : new ServerStartException(what);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Not listening yet, or the probe timed out: poll again until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new ServerStartException("llama-server binary " + binary + " was not ready (GET /health 200) "
                        + "within " + options.startupTimeout().toSeconds() + " s; last log line: "
                        + ServerLog.read(options.logFile()).lastLine());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** @return the server's base URL, {@code http://127.0.0.1:PORT} */
    public URI baseUrl() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /** @return the file its stdout and stderr go to */
    public Path logFile() {
        return options.logFile();
    }

    /** @return the exact command line it was started with, binary first */
    public List<String> commandLine() {
        return commandLine;
    }

    /**
     * @return the log's KV cache lines ({@code llama_kv_cache…}, including the {@code size = … K (TYPE) … V (TYPE)}
     *         line), the only evidence of the cache type the server really used; empty when the log has none
     */
    public List<String> kvLogLines() {
        return ServerLog.read(options.logFile()).kvLines();
    }

    /** @return whether the process is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /**
     * @param base the arm's backend config
     * @return {@code base} for provider {@code llama-server} pointed at this server, with option {@code server_log}
     *         set to its log file
     */
    public BackendConfig backendConfig(BackendConfig base) {
        return base.newBuilder().provider("llama-server").baseUrl(baseUrl())
                .option(OpenAiOptions.SERVER_LOG, logFile()).build();
    }

    /** Stops the server: SIGTERM, then a forced kill after the grace period. Does nothing when it has stopped. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down and the hook runs (or ran) stop() itself.
        }
    }

    private void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(options.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("llama-server (pid {}) did not stop within {} s of SIGTERM; killing it", process.pid(),
                            options.stopGrace().toSeconds());
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // A wrapper script may have started the real server as its child.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The server exited because its port was taken. */
    private static final class PortTakenException extends ServerStartException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
