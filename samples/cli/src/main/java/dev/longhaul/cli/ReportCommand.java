package dev.longhaul.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.longhaul.experiment.StudyReports;
import dev.longhaul.files.AtomicFile;
import dev.longhaul.files.FileProblem;
import dev.longhaul.render.Arm;
import dev.longhaul.render.CsvReport;
import dev.longhaul.render.HtmlReport;
import dev.longhaul.render.MarkdownReport;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code longhaul report RUN.json [RUN2.json …]}: saved reports as an HTML page, a Markdown summary, a CSV table. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render saved reports: one self-contained HTML page with charts (--html), a Markdown summary "
                + "for a pull request (--markdown), one CSV row per turn and run (--csv). The first report is the "
                + "baseline the others are compared with. Without an output option the Markdown goes to standard output.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "Run reports (longhaul's or the seed's), baseline first.")
    List<Path> reports;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML page here.")
    Path html;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown summary here.")
    Path markdown;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-turn CSV here.")
    Path csv;

    @Option(names = "--comparison", paramLabel = "FILE",
            description = "Show the comparisons of this comparison.json (as written by ab) instead of comparing the "
                    + "reports anew.")
    Path comparison;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        OutputGuard files = new OutputGuard().input("--comparison", comparison);
        reports.forEach(r -> files.input("REPORT", r));
        files.output("--html", html).output("--markdown", markdown).output("--csv", csv);
        List<SessionReport> runs = new ArrayList<>();
        for (Path file : reports) {
            runs.add(ReportCodec.read(file));
        }
        List<Arm> arms = arms(runs);
        ReportSet plain = comparison == null ? ReportSet.compared(arms)
                : new ReportSet(arms, comparisons(comparison));
        ReportSet set = new ReportSet(plain.arms(), plain.comparisons(),
                StudyReports.tradeOff(arms.stream().map(Arm::label).toList(), arms.stream().map(Arm::report).toList()));
        PrintWriter out = spec.commandLine().getOut();
        if (html == null && markdown == null && csv == null) {
            out.print(MarkdownReport.render(set));
            return 0;
        }
        if (html != null) {
            write("--html", html, HtmlReport.render(set));
            out.println("HTML report saved to: " + html);
        }
        if (markdown != null) {
            write("--markdown", markdown, MarkdownReport.render(set));
            out.println("Markdown summary saved to: " + markdown);
        }
        if (csv != null) {
            write("--csv", csv, CsvReport.render(set));
            out.println("CSV saved to: " + csv);
        }
        return 0;
    }

    /** Replaces the file only with the whole text; a failure is one line naming the flag and the file. */
    private static void write(String flag, Path file, String text) {
        try {
            AtomicFile.write(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + file + ": cannot be written (" + FileProblem.of(e) + ")",
                    e);
        }
    }

    /**
     * Labels by KV type; when two runs share one (e.g. two f16 runs with other seeds), every run is labelled by its
     * file name instead, which the user chose and can tell apart.
     */
    private List<Arm> arms(List<SessionReport> runs) {
        List<String> labels = new ArrayList<>(runs.stream().map(SessionReport::label).toList());
        if (new HashSet<>(labels).size() < labels.size()) {
            labels.clear();
            for (Path file : reports) {
                labels.add(file.getFileName().toString().replaceFirst("\\.json$", ""));
            }
        }
        if (new HashSet<>(labels).size() < labels.size()) {
            return ReportSet.of(runs).arms(); // same file names in other directories: numbered
        }
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            arms.add(new Arm(labels.get(i), runs.get(i)));
        }
        return arms;
    }

    /** The {@code comparisons} of an ab comparison.json, or the single comparison object a file holds. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> comparisons(Path file) throws IOException {
        Object root;
        try {
            root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readValue(Files.readString(file), Object.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root instanceof Map<?, ?> map && map.get("comparisons") instanceof List<?> list
                && list.stream().allMatch(Map.class::isInstance)) {
            List<Map<String, Object>> comparisons = new ArrayList<>();
            list.forEach(c -> comparisons.add(new LinkedHashMap<>((Map<String, Object>) c)));
            return comparisons;
        }
        if (root instanceof Map<?, ?> map && map.containsKey("labels")) {
            return List.of(new LinkedHashMap<>((Map<String, Object>) map));
        }
        throw new IllegalArgumentException(file + ": not a comparison: expected a \"comparisons\" list or an object "
                + "with \"labels\"");
    }

    /**
     * Writes the HTML page of a finished {@code run} or {@code ab} next to its JSON. A failure is reported on
     * {@code err} and not fatal: the JSON, which holds every figure, is already saved.
     *
     * @param set  the runs and comparisons
     * @param page where the page goes
     * @param out  where the "saved" line goes
     * @param err  where a failure is reported
     */
    static void writeHtml(ReportSet set, Path page, PrintWriter out, PrintWriter err) {
        try {
            HtmlReport.write(set, page);
            out.println("HTML report saved to: " + page);
        } catch (IOException | RuntimeException e) {
            err.println("longhaul: HTML report " + page + " not written: " + e.getMessage());
        }
        out.flush();
    }
}
