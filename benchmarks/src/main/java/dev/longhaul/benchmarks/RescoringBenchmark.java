package dev.longhaul.benchmarks;

import dev.longhaul.rescoring.Rescoring;
import dev.longhaul.rescoring.SavedTurnsProblem;
import dev.longhaul.scoring.HeuristicScorer;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code longhaul score}'s work in one JVM, warmed up: {@link Rescoring} of a file of 20 MB of saved turns
 * ({@link SavedTurnsFile}, answers of 1 to 20 KB) into a writer that discards, on 1 or 2 threads. The {@code mb}
 * secondary result reads in MB of input file per second. What the whole process adds (JVM start, JIT warm-up) is
 * measured outside JMH, see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class RescoringBenchmark {

    /** Threads that parse and score. */
    @Param({"1", "2"})
    public int threads;

    private Path file;
    private double fileMegabytes;

    /** Writes the input once. */
    @Setup
    public void writeTurns() throws IOException {
        file = Files.createTempFile("rescoring", ".jsonl");
        SavedTurnsFile.main(new String[] {file.toString(), "20"});
        fileMegabytes = Files.size(file) / 1e6;
    }

    /** Deletes the input. */
    @TearDown
    public void deleteTurns() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Megabytes of input re-scored: ops/s of this counter is MB/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Megabytes {
        /** The counter. */
        public double mb;

        /** Resets the counter before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            mb = 0;
        }
    }

    /**
     * @param megabytes the counter
     * @return the turns scored
     */
    @Benchmark
    public long rescore(Megabytes megabytes) throws IOException, SavedTurnsProblem {
        long turns = new Rescoring(new HeuristicScorer(), threads).rescore(file, Writer.nullWriter());
        megabytes.mb += fileMegabytes;
        return turns;
    }
}
