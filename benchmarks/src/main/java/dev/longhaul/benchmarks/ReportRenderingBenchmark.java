package dev.longhaul.benchmarks;

import dev.longhaul.analysis.Summaries;
import dev.longhaul.render.CsvReport;
import dev.longhaul.render.HtmlReport;
import dev.longhaul.render.MarkdownReport;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering two runs of N turns each (baseline and arm, the seed's metrics per turn) as the HTML page, the Markdown
 * summary and the CSV table, in seconds per rendering. The goal: linear in N — 100,000 turns about ten times
 * 10,000 — and a 100,000-turn page in seconds (a search per turn once made it take minutes).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class ReportRenderingBenchmark {

    /** Turns per run. */
    @Param({"10000", "100000"})
    public int turns;

    private ReportSet set;

    /** Builds the two runs once. */
    @Setup
    public void buildRuns() {
        set = ReportSet.of(List.of(run("f16", 0.0), run("q8_0", 0.02)));
    }

    private SessionReport run(String kv, double loss) {
        List<TurnMetrics> metrics = new ArrayList<>(turns);
        for (int turn = 1; turn <= turns; turn++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("response_length", 800 + turn % 400);
            v.put("line_count", 20 + turn % 7);
            v.put("code_blocks", turn % 3);
            v.put("has_headers", turn % 2 == 0);
            v.put("has_code_blocks", turn % 3 != 0);
            v.put("has_lists", turn % 5 == 0);
            v.put("repetition_ratio", (turn % 10) / 100.0);
            v.put("prompt_relevance", 0.5);
            v.put("hallucinated_references", turn % 11 == 0 ? 1 : 0);
            v.put("quality_score", 0.6 + (turn % 20) / 100.0 - loss);
            v.put("elapsed_s", 1.5);
            v.put("tokens_generated", 200);
            v.put("tokens_per_s", 40.0);
            metrics.add(new TurnMetrics(turn, "code_gen", v));
        }
        RunConfig config = new RunConfig("llamacpp", "m", kv, turns, 20, "2025-01-01T00:00:00", Map.of());
        return new SessionReport(config, metrics, List.of(), Summaries.of(metrics, List.of(), 0), List.of(), List.of());
    }

    /** @return the page */
    @Benchmark
    public String html() {
        return HtmlReport.render(set);
    }

    /** @return the summary */
    @Benchmark
    public String markdown() {
        return MarkdownReport.render(set);
    }

    /** @return the table */
    @Benchmark
    public String csv() {
        return CsvReport.render(set);
    }
}
