package dev.longhaul.cli;

import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.RepeatedComparisonJson;
import dev.longhaul.analysis.RepeatedComparisonText;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.analysis.tradeoff.ArmFigures;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.analysis.tradeoff.TradeOffText;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code longhaul compare A.json B.json}: the seed's {@code --compare}; with several reports per side
 * ({@code -a A1.json -a A2.json -b B1.json -b B2.json}) or {@code --stats}, also intervals, p-values, spread and the
 * noise floor.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare saved run reports (ours or the seed's).",
                "compare A.json B.json prints what the seed's --compare prints. With several runs per side "
                        + "(-a A1.json -a A2.json -b B1.json -b B2.json: run i of A is paired with run i of B, "
                        + "e.g. the same seed) or --stats, the seed's table is followed by each metric's mean "
                        + "delta with an interval and p-value valid for the design the reports were played with "
                        + "(shared history: the turn is the unit; free-running: the run), the change test for "
                        + "where quality fell away, and the verdict (inconclusive for one free-running run per "
                        + "arm). Without --stats, one line after the seed's output gives that verdict."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "The baseline report, then the report compared with it.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-a", "--a"}, split = ",", paramLabel = "FILE",
            description = "A baseline report; repeat (or separate with commas) for several runs.")
    List<Path> sideA = new ArrayList<>();

    @Option(names = {"-b", "--b"}, split = ",", paramLabel = "FILE",
            description = "A report of the compared side, paired with the -a report at the same position.")
    List<Path> sideB = new ArrayList<>();

    @Option(names = "--noise", split = ",", paramLabel = "FILE",
            description = "The baseline rerun with other seeds (one per -a report): compared with the baseline as an "
                    + "A/A check; free-running, extra replicates of the variance between runs; in shared history, "
                    + "the compared side is also tested against these reruns.")
    List<Path> noise = new ArrayList<>();

    @Option(names = "--stats", description = "Add intervals, p-values and spread also for one report per side.")
    boolean stats;

    @Option(names = "--json", description = "Print the comparison object (the seed's keys, then the new figures) as JSON.")
    boolean json;

    @Option(names = "--strict-json", description = "With --json: null where Python's json would write NaN.")
    boolean strictJson;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() {
        gateOptions.gates();
        List<Path> a = sideA;
        List<Path> b = sideB;
        if (!files.isEmpty()) {
            if (!sideA.isEmpty() || !sideB.isEmpty()) {
                throw new IllegalArgumentException("compare: give two report files or -a/-b reports, not both");
            }
            if (files.size() != 2) {
                throw new IllegalArgumentException("compare: two report files needed (baseline, compared), got "
                        + files.size() + " (" + String.join(" ", files.stream().map(Path::toString).toList())
                        + "); for several runs per side give -a and -b");
            }
            a = files.subList(0, 1);
            b = files.subList(1, 2);
        } else if (sideA.isEmpty() || sideB.isEmpty()) {
            throw new IllegalArgumentException("compare: give two report files, or -a and -b reports");
        }
        if (!noise.isEmpty() && noise.size() != a.size()) {
            throw new IllegalArgumentException("compare: --noise needs one report per -a report (" + a.size()
                    + "), got " + noise.size());
        }
        List<SessionReport> reportsA = read(a);
        List<SessionReport> reportsB = read(b);
        PrintWriter out = spec.commandLine().getOut();
        warnWhenTheConversationsDiffer(a.get(0), reportsA.get(0), b, reportsB);
        List<SessionReport> reportsNoise = read(noise);
        RepeatedComparison comparison = RepeatedComparison.of(reportsA, reportsB, reportsNoise,
                Design.of(reportsA, reportsB), RepeatedComparison.DEFAULT_METRICS, VerdictLevels.DEFAULT);
        TradeOffSummary summary = TradeOffSummary.of(List.of(ArmFigures.of(comparison.labels().a(), reportsA),
                ArmFigures.of(comparison.labels().b(), reportsB)), List.of(comparison));
        if (reportsA.size() == 1 && reportsB.size() == 1 && !stats && noise.isEmpty()) {
            // the seed's --compare output first and unchanged, for scripts that read it; the summary after it
            if (json) {
                Object seedTree = ComparisonJson.tree(comparison.seed());
                out.println(strictJson ? PythonJsonWriter.writeStrict(seedTree) : PythonJsonWriter.write(seedTree));
            } else {
                out.print(ComparisonText.render(comparison.seed()));
                out.println("longhaul verdict (" + comparison.design().displayName() + "): "
                        + comparison.verdict().text() + " [" + comparison.verdict().kind().jsonName() + "]");
                out.println();
                TradeOffText.lines(summary).forEach(out::println);
            }
            return exitCode(summary);
        }
        if (json) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("summary", summary.toMap());
            tree.putAll(RepeatedComparisonJson.tree(comparison));
            out.println(strictJson ? PythonJsonWriter.writeStrict(tree) : PythonJsonWriter.write(tree));
        } else {
            TradeOffText.lines(summary).forEach(out::println);
            out.print(ComparisonText.render(comparison.seed()));
            out.print(RepeatedComparisonText.render(comparison));
        }
        return exitCode(summary);
    }

    /** 1 when a side answered no turn (said on stderr), else what the gates say. */
    private int exitCode(TradeOffSummary summary) {
        PrintWriter err = spec.commandLine().getErr();
        List<String> unanswered = summary.unansweredArms();
        if (!unanswered.isEmpty()) {
            err.println("longhaul: " + String.join(", ", unanswered) + " answered no turn: there is nothing to "
                    + "compare (see the failed turns in the report)");
            err.flush();
            return Main.EXIT_INCOMPLETE;
        }
        return gateOptions.check(summary, err);
    }

    /**
     * One line on stderr per report that played another script or another number of turns than the baseline: its
     * figures are then not of the same conversation.
     */
    private void warnWhenTheConversationsDiffer(Path baselineFile, SessionReport baseline, List<Path> files,
                                                List<SessionReport> reports) {
        for (int i = 0; i < reports.size(); i++) {
            SessionReport other = reports.get(i);
            String scriptA = baseline.config().script().orElse(null);
            String scriptB = other.config().script().orElse(null);
            boolean otherScript = scriptA != null && scriptB != null && !scriptA.equals(scriptB);
            if (otherScript || baseline.config().totalTurns() != other.config().totalTurns()) {
                spec.commandLine().getErr().println("longhaul: warning: " + files.get(i) + " played "
                        + other.config().totalTurns() + " turns of script '" + scriptB + "', " + baselineFile
                        + " played " + baseline.config().totalTurns() + " turns of script '" + scriptA
                        + "': not the same conversation, so a difference may come from it");
            }
        }
    }

    private static List<SessionReport> read(List<Path> files) {
        return files.stream().map(ReportCodec::read).toList();
    }
}
