package dev.longhaul.benchmarks;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.session.LongSession;
import java.time.Duration;
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
 * The Python seed tool's 50-turn session on the bundled model with the embedded llama.cpp backend ({@code llamacpp}, KV f16,
 * answers up to 96 tokens, sampling seed 42, history window 20, no delay), with prefix reuse on and off. The score is the
 * session's wall time; secondary results sum its turns' token counts ({@code promptTokens}: prompt tokens sent,
 * {@code evaluatedTokens}: those llama.cpp evaluated, the rest came from its cache; {@code generatedTokens}) and
 * times to first token ({@code ttftSeconds}), and count the turns that evaluated more than half of their prompt
 * ({@code turnsMostlyEvaluated}: with reuse on, the first turn and every turn after the history window starts to
 * slide, since dropping the oldest turn changes the prompt's start). The model loads before the session, outside the timing. One
 * session per run: with more iterations ({@code -i N}), each iteration line gives one session, while JMH's summary
 * adds the counters of all N.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
// A native thread of the binding keeps the JVM alive after the model is closed: let the fork exit after 1 s.
@Fork(value = 1, jvmArgsAppend = "-Djmh.shutdownTimeout=1")
@State(Scope.Benchmark)
public class BundledModelSessionBenchmark {

    private static final int TURNS = 50;
    private static final int MAX_TOKENS = 96;

    /** The backend option {@code prefix_reuse}. */
    @Param({"true", "false"})
    public String prefixReuse;

    private Backend backend;

    /** Loads the model (not timed). */
    @Setup(Level.Iteration)
    public void loadModel() throws BackendException {
        backend = Backends.discover().create(BackendConfig.builder("llamacpp").kvType("f16").maxTokens(MAX_TOKENS)
                .seed(42L).option("prefix_reuse", prefixReuse).build());
    }

    /** Frees the model. */
    @TearDown(Level.Iteration)
    public void closeModel() {
        backend.close();
    }

    /** Token counts of the session. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Tokens {
        /** Prompt tokens sent over all turns. */
        public long promptTokens;
        /** Prompt tokens llama.cpp evaluated (not taken from its cache). */
        public long evaluatedTokens;
        /** Tokens generated. */
        public long generatedTokens;
        /** Sum of the turns' times to first token, seconds. */
        public double ttftSeconds;
        /** Turns answered. */
        public long answeredTurns;
        /** Turns that took less than half of their prompt from llama.cpp's cache (evaluated it almost whole). */
        public long turnsMostlyEvaluated;
    }

    /**
     * Plays the session.
     *
     * @param tokens the counters
     * @return the number of turns answered
     */
    @Benchmark
    public int session(Tokens tokens) throws BackendException, InterruptedException {
        SessionReport report = LongSession.builder().backend(backend, "llamacpp").turns(TURNS)
                .delay(Duration.ZERO).run();
        for (TurnMetrics turn : report.turnMetrics()) {
            tokens.promptTokens += turn.number(MetricKey.PROMPT_EVAL_COUNT).longValue();
            tokens.evaluatedTokens += turn.number(MetricKey.PROMPT_TOKENS_EVALUATED).longValue();
            tokens.generatedTokens += turn.number(MetricKey.TOKENS_GENERATED).longValue();
            tokens.ttftSeconds += turn.number(MetricKey.TTFT_S).doubleValue();
            long cached = turn.number(MetricKey.CACHED_PROMPT_TOKENS).longValue();
            if (2 * cached < turn.number(MetricKey.PROMPT_EVAL_COUNT).longValue()) {
                tokens.turnsMostlyEvaluated++;
            }
        }
        tokens.answeredTurns += report.turnMetrics().size();
        return report.turnMetrics().size();
    }
}
