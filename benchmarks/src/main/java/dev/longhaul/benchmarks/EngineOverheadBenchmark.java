package dev.longhaul.benchmarks;

import dev.longhaul.backend.BackendException;
import dev.longhaul.report.SessionReport;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import dev.longhaul.session.SteppedSession;
import dev.longhaul.session.TurnEvent;
import dev.longhaul.session.TurnListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The session engine's own cost per turn against {@link InstantBackend}, which answers at once with the answers of
 * {@link AnswerCorpus} (1 to 20 KB): building the request from the history window, scoring the answer, recording
 * the turn's metrics, calling a listener, and (in {@link #session}) writing the checkpoint journal. Delay 0; the
 * seed's history window of 20 turns. JMH's sample mode gives the median and percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineOverheadBenchmark {

    private static final int TURNS_PER_SESSION = 50;
    private static final int TURNS_BEFORE_RENEWAL = 1_000;

    static List<String> corpusAnswers() {
        return AnswerCorpus.answers(200, 1_000, 20_000, 42).stream().map(TurnInput::response).toList();
    }

    /** A session played one turn per benchmark invocation ({@link SteppedSession}, which keeps no checkpoint). */
    @State(Scope.Thread)
    public static class Stepped {
        private final List<String> answers = corpusAnswers();
        SteppedSession session;
        List<ScriptedTurn> plan;
        int next;
        /** Turns the listener heard. */
        long heard;

        /** Starts a new session after {@value #TURNS_BEFORE_RENEWAL} turns, so its lists stay of a real size. */
        @Setup(Level.Invocation)
        public void renewWhenDone() throws BackendException {
            if (session == null || next == plan.size()) {
                if (session != null) {
                    session.finish();
                    session.close();
                }
                session = engine(new InstantBackend(answers), TURNS_BEFORE_RENEWAL, event -> heard++)
                        .build().start();
                plan = session.plan();
                next = 0;
            }
        }
    }

    /**
     * One turn of a running session.
     *
     * @param stepped the session
     * @return the turn's event
     */
    @Benchmark
    public Optional<TurnEvent> turn(Stepped stepped) {
        return stepped.session.play(stepped.plan.get(stepped.next++));
    }

    /** Where a whole session's checkpoint goes, if anywhere. */
    @State(Scope.Thread)
    public static class Whole {
        /**
         * {@code off}: no journal; {@code disk}: journal every turn to a file in {@code java.io.tmpdir} (flushed and
         * synced per turn, as the CLI does); {@code tmpfs}: the same in {@code /dev/shm}, where a sync costs
         * nothing, which separates the cost of writing the journal from the cost of syncing it.
         */
        @Param({"off", "disk", "tmpfs"})
        public String checkpoint;

        private final List<String> answers = corpusAnswers();
        Path directory;

        /** Makes the directory the journal goes to. */
        @Setup(Level.Trial)
        public void makeDirectory() throws IOException {
            directory = checkpoint.equals("tmpfs") ? Files.createTempDirectory(Path.of("/dev/shm"), "longhaul-bench")
                    : Files.createTempDirectory("longhaul-bench");
        }

        /** Removes it. */
        @TearDown(Level.Trial)
        public void removeDirectory() throws IOException {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /**
     * A whole 50-turn session (start, turns, degradation detection, summary); the figure is per turn.
     *
     * @param whole the settings
     * @param sink  keeps the events
     * @return the report
     */
    @Benchmark
    @OperationsPerInvocation(TURNS_PER_SESSION)
    public SessionReport session(Whole whole, Blackhole sink) throws BackendException, InterruptedException {
        SessionBuilder builder = engine(new InstantBackend(whole.answers), TURNS_PER_SESSION, sink::consume);
        if (!whole.checkpoint.equals("off")) {
            builder.checkpoint(whole.directory.resolve("run.turns.jsonl"));
        }
        return builder.run();
    }

    private static SessionBuilder engine(InstantBackend backend, int turns, TurnListener listener) {
        return LongSession.builder().backend(backend, "instant").turns(turns).delay(Duration.ZERO)
                .listener(listener);
    }
}
