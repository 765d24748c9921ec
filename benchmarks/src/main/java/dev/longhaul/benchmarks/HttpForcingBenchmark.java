package dev.longhaul.benchmarks;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.backend.openai.managed.LaunchOptions;
import dev.longhaul.backend.openai.managed.ManagedLlamaServer;
import dev.longhaul.script.Script;
import dev.longhaul.script.ScriptedTurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Teacher forcing over HTTP against a real {@code llama-server} with the bundled model, beside generation: the
 * seed's first turns with a growing history, each answer (greedy, at most 96 tokens) generated, then forced back
 * through the same server with K = 100 ({@code llama-server}'s forcing, as token fidelity runs it). The secondary
 * results are totals: generated tokens and the seconds generating them took (wall, HTTP included), forced tokens
 * and the seconds forcing took; their ratios are the tokens/s in docs/benchmarks.md.
 *
 * <p>The server binary comes from {@code -p server=PATH}, else {@code LONGHAUL_LLAMA_SERVER}; run from the
 * repository's root (the bundled model is read from the source tree). Single shot: the server starts before it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HttpForcingBenchmark {

    private static final Path MODEL =
            Path.of("backends/llamacpp/src/main/resources/dev/longhaul/backend/llamacpp/models/tiny-code-chat.gguf");

    /** The llama-server executable; empty: {@code LONGHAUL_LLAMA_SERVER}. */
    @Param({""})
    public String server;

    /** KV cache type of the server. */
    @Param({"f16"})
    public String kvType;

    /** Turns of the seed's conversation played. */
    @Param({"8"})
    public int turns;

    /** Threads of the server. */
    @Param({"2"})
    public int threads;

    private ManagedLlamaServer running;
    private Backend backend;

    /** Starts the server and opens the backend. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        String binary = server.isEmpty() ? System.getenv("LONGHAUL_LLAMA_SERVER") : server;
        if (binary == null || binary.isBlank()) {
            throw new IllegalStateException("no llama-server: -p server=PATH or LONGHAUL_LLAMA_SERVER");
        }
        Path log = Files.createTempFile("forcing-server", ".log");
        running = ManagedLlamaServer.start(Path.of(binary), MODEL, kvType,
                LaunchOptions.defaults(log).withThreads(threads).withSeed(42L));
        backend = Backends.discover().create(running.backendConfig(BackendConfig.builder("llama-server")
                .kvType(kvType).maxTokens(96).temperature(0.0).timeout(Duration.ofMinutes(5)).build()));
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() {
        backend.close();
        running.close();
    }

    /** What was generated and forced, and the wall time of each. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Work {
        /** Tokens generated. */
        public long generatedTokens;
        /** Seconds generating took. */
        public double generationSeconds;
        /** Tokens forced. */
        public long forcedTokens;
        /** Seconds forcing took. */
        public double forcingSeconds;
    }

    /**
     * @param work the totals
     * @return the last forced answer
     */
    @Benchmark
    public ForcedAnswer generateThenForce(Work work) throws BackendException {
        List<ChatMessage> history = new ArrayList<>();
        ForcedAnswer forced = null;
        for (ScriptedTurn turn : Script.seed().turns(turns)) {
            history.add(ChatMessage.user(turn.prompt()));
            ChatRequest request = new ChatRequest(List.copyOf(history));
            long t0 = System.nanoTime();
            ChatResponse answer = backend.chat(request);
            long t1 = System.nanoTime();
            forced = ((TeacherForcing) backend).force(request, answer.content(), 100);
            long t2 = System.nanoTime();
            Integer generated = answer.stats().completionTokens();
            work.generatedTokens += generated == null ? forced.positions().size() : generated;
            work.generationSeconds += (t1 - t0) / 1e9;
            work.forcedTokens += forced.positions().size();
            work.forcingSeconds += (t2 - t1) / 1e9;
            history.add(ChatMessage.assistant(answer.content()));
        }
        return forced;
    }
}
