package dev.longhaul.samples.embedding;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.backend.BackendException;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A program that uses longhaul as a library: it plays the seed's conversation twice on the bundled model with the
 * in-process llama.cpp backend, once with an f16 KV cache and once with q8_0, prints a line per turn as it goes,
 * writes both reports, and prints and writes their comparison.
 *
 * <pre>
 * java -cp "samples/embedding/target/classes:$(cat cp.txt)" dev.longhaul.samples.embedding.CompareKvCaches \
 *      [turns=10] [max-tokens=96] [output-dir=longhaul-embedding]
 * </pre>
 */
public final class CompareKvCaches {

    private final int turns;
    private final int maxTokens;
    private final Path outputDir;
    private final PrintWriter out;

    /**
     * @param turns     turns per arm
     * @param maxTokens tokens per answer at most
     * @param outputDir where the reports and the comparison go
     * @param out       where progress and the comparison are printed
     */
    public CompareKvCaches(int turns, int maxTokens, Path outputDir, PrintWriter out) {
        this.turns = turns;
        this.maxTokens = maxTokens;
        this.outputDir = outputDir;
        this.out = out;
    }

    /**
     * Runs the program.
     *
     * @param args turns, max tokens and output directory, each optional
     * @throws Exception when an arm cannot run or a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int maxTokens = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        Path outputDir = Path.of(args.length > 2 ? args[2] : "longhaul-embedding");
        PrintWriter out = new PrintWriter(System.out, true);
        new CompareKvCaches(turns, maxTokens, outputDir, out).run();
        out.flush();
        System.exit(0); // the llama.cpp binding leaves a non-daemon thread behind that would keep the JVM alive
    }

    /**
     * Runs both arms and compares them.
     *
     * @return the comparison of q8_0 against f16
     * @throws BackendException     when the backend cannot be created (for example a missing model file)
     * @throws InterruptedException when the thread is interrupted between turns
     * @throws IOException          when a report cannot be written
     */
    public Comparison run() throws BackendException, InterruptedException, IOException {
        Files.createDirectories(outputDir);
        // tag::compare[]
        SessionReport f16 = runArm("f16");
        SessionReport q8 = runArm("q8_0");
        Comparison comparison = Comparison.of(f16, q8);
        out.print(ComparisonText.render(comparison));
        Files.writeString(outputDir.resolve("comparison.json"), ComparisonJson.toJson(comparison));
        // end::compare[]
        return comparison;
    }

    // tag::arm[]
    private SessionReport runArm(String kvType) throws BackendException, InterruptedException, IOException {
        SessionReport report = LongSession.builder()
                .backend("llamacpp", cfg -> cfg.seed(42L).temperature(0.0).maxTokens(maxTokens))
                .kvType(kvType)
                .turns(turns)
                .delay(Duration.ZERO)
                .saveResponses(true)
                .checkpoint(outputDir.resolve(kvType + ".turns.jsonl"))
                .listener(turn -> out.printf("[%s] turn %d/%d: %s%n", kvType, turn.turn(), turn.totalTurns(),
                        turn.succeeded() ? "score " + turn.metrics().qualityScore() : turn.failure().message()))
                .run();
        ReportCodec.write(report, outputDir.resolve(kvType + ".json"));
        return report;
    }
    // end::arm[]
}
