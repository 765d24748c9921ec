package dev.longhaul.benchmarks;

import dev.longhaul.backend.BackendException;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a 1,000-turn session with saved responses keeps in memory, against the size of its text. Each invocation
 * runs the session against {@link InstantBackend} (answers of 1 to 20 KB, a fresh string per turn) and measures
 * the heap in use after a full collection (serial collector, so that "in use" is exactly the live objects) with
 * and without the report, and reports in secondary results:
 * <ul>
 *   <li>{@code textMB}: the UTF-8 size of every prompt and answer the report holds;</li>
 *   <li>{@code retainedMB}: the growth of the live heap, i.e. the report with its metrics, answers and config;</li>
 *   <li>{@code retainedPerText}: their ratio (the goal: at most 2).</li>
 * </ul>
 * The primary score (time) includes the collections and is not a figure of interest.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 1)
// One measured session: the figures are the same in every session, and JMH adds up such counters over iterations.
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx2g"})
@State(Scope.Benchmark)
public class SessionMemoryBenchmark {

    private static final int TURNS = 1_000;

    /**
     * {@code unicode}: the corpus as generated, whose answers hold a few non-Latin-1 characters (an em dash, an
     * arrow), so Java keeps them as UTF-16, two bytes a char; {@code ascii}: the same answers with those replaced
     * by ASCII, which Java keeps at one byte a char.
     */
    @Param({"ascii", "unicode"})
    public String answers;

    private List<String> corpus;

    /** Builds the answers once. */
    @Setup(Level.Trial)
    public void buildAnswers() {
        List<String> generated = EngineOverheadBenchmark.corpusAnswers();
        corpus = answers.equals("ascii")
                ? generated.stream().map(a -> a.replace("—", "-").replace("→", "->")).toList()
                : generated;
    }

    /** The figures of one session. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        /** UTF-8 MB of the prompts and answers saved. */
        public double textMB;
        /** MB of live heap the finished session's report holds. */
        public double retainedMB;
        /** retainedMB / textMB. */
        public double retainedPerText;
    }

    /**
     * Runs the session and measures what its report retains: the live heap with the report referenced, minus the
     * live heap after the only reference (a field, which a collector sees exactly, unlike a local variable of
     * compiled code) is cleared.
     *
     * @param footprint where the figures go
     * @return the number of turns answered
     */
    @Benchmark
    public int session(Footprint footprint) throws BackendException, InterruptedException {
        ReportHolder holder = new ReportHolder();
        runInto(holder);
        long withReport = liveHeap();
        long text = textBytes(holder.report);
        int answered = holder.report.turnMetrics().size();
        holder.report = null;
        long withoutReport = liveHeap();
        footprint.textMB = text / 1e6;
        footprint.retainedMB = (withReport - withoutReport) / 1e6;
        footprint.retainedPerText = (double) (withReport - withoutReport) / text;
        return answered;
    }

    /** The one reference to the report while it is measured. */
    private static final class ReportHolder {
        SessionReport report;
    }

    private void runInto(ReportHolder holder) throws BackendException, InterruptedException {
        holder.report = LongSession.builder().backend(new InstantBackend(corpus), "instant").turns(TURNS)
                .delay(Duration.ZERO).saveResponses(true).run();
    }

    private static long textBytes(SessionReport report) {
        long text = 0;
        for (SavedResponse saved : report.responses()) {
            text += saved.prompt().getBytes(StandardCharsets.UTF_8).length
                    + saved.response().getBytes(StandardCharsets.UTF_8).length;
        }
        return text;
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Collect until nothing more is freed (finalizers and reference processing can free more on a second pass).
        for (int i = 0; i < 5; i++) {
            memory.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
