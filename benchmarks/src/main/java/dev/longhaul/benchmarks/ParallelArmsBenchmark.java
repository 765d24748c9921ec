package dev.longhaul.benchmarks;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.llamacpp.LlamaCppOptions;
import dev.longhaul.experiment.AbExperiment;
import dev.longhaul.experiment.ExperimentResult;
import dev.longhaul.report.SessionReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a two-arm KV-cache A/B (f16 against q8_0) on the bundled model with the embedded backend, one
 * llama.cpp thread per arm, played one arm after the other ({@code parallel=1}) or both at once
 * ({@code parallel=2}, what {@code longhaul ab --parallel 2} does): the seed's 50 turns per arm, answers up to 96 tokens,
 * sampling seed 42, no delay. The time includes loading each arm's model. Secondary result: turns answered over both arms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
// A native thread of the binding keeps the JVM alive after the model is closed: let the fork exit after 1 s.
@Fork(value = 1, jvmArgsAppend = "-Djmh.shutdownTimeout=1")
@State(Scope.Benchmark)
public class ParallelArmsBenchmark {

    private static final int TURNS = 50;

    /** Runs at once: 1 (one arm after the other) or 2 (both arms together). */
    @Param({"1", "2"})
    public int parallel;

    /** What the experiment did. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Turns {
        /** Turns answered, both arms together. */
        public long answeredTurns;
    }

    /**
     * Runs the A/B.
     *
     * @param turns the counter
     * @return the number of turns answered
     * @throws Exception when an arm cannot start
     */
    @Benchmark
    public long ab(Turns turns) throws Exception {
        ExperimentResult result = AbExperiment.builder()
                .arm("f16", arm("f16"))
                .arm("q8_0", arm("q8_0"))
                .session(b -> b.turns(TURNS).delay(Duration.ZERO))
                .parallel(parallel)
                .run();
        for (String label : result.labels()) {
            for (SessionReport report : result.reports(label)) {
                turns.answeredTurns += report.turnMetrics().size();
            }
        }
        return turns.answeredTurns;
    }

    private static BackendConfig arm(String kvType) {
        return BackendConfig.builder("llamacpp").kvType(kvType).maxTokens(96).option(LlamaCppOptions.THREADS, 1)
                .build();
    }
}
