package dev.longhaul.benchmarks;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.Scorer;
import dev.longhaul.scoring.TurnInput;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link HeuristicScorer} throughput on one thread, in MB of UTF-8 answer text per second: the {@code mb}
 * secondary result (ops/s of the counter = MB/s). Each invocation scores a whole set of answers:
 * <ul>
 *   <li>{@code corpus}: 200 answers of 1 to 20 KB, sizes spread evenly (about 2 MB);</li>
 *   <li>{@code 1k}, {@code 20k}, {@code 200k}: answers of exactly that many KB (2 MB per set), to show that the
 *       cost is linear in the length.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ScorerBenchmark {

    private static final int SET_BYTES = 2_000_000;

    /** Which answers to score, see the class comment. */
    @Param({"corpus", "1k", "20k", "200k"})
    public String answers;

    private final Scorer scorer = new HeuristicScorer();
    private List<TurnInput> set;
    private double setMegabytes;

    /** Builds the answer set once; it is the same on every run. */
    @Setup
    public void buildAnswers() {
        set = switch (answers) {
            case "corpus" -> AnswerCorpus.answers(200, 1_000, 20_000, 42);
            case "1k" -> AnswerCorpus.answers(SET_BYTES / 1_000, 1_000, 1_000, 42);
            case "20k" -> AnswerCorpus.answers(SET_BYTES / 20_000, 20_000, 20_000, 42);
            case "200k" -> AnswerCorpus.answers(SET_BYTES / 200_000, 200_000, 200_000, 42);
            default -> throw new IllegalArgumentException("answers '" + answers + "' is not corpus, 1k, 20k or 200k");
        };
        setMegabytes = AnswerCorpus.utf8Bytes(set) / 1e6;
    }

    /** Megabytes of answer text scored; JMH reports the counter per second, i.e. MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        /** MB of UTF-8 text scored. */
        public double mb;

        /** Starts each iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            mb = 0;
        }
    }

    /**
     * Scores every answer of the set.
     *
     * @param counted the MB counter
     * @param sink    keeps the scores alive
     */
    @Benchmark
    public void scoreSet(Throughput counted, Blackhole sink) {
        for (TurnInput input : set) {
            sink.consume(scorer.score(input));
        }
        counted.mb += setMegabytes;
    }
}
