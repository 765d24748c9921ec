package dev.longhaul.cli;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code longhaul compare A.json B.json}: the seed's {@code --compare}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two saved run reports (ours or the seed's), as the seed's --compare does.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE_A", description = "The baseline report.")
    Path fileA;

    @Parameters(index = "1", paramLabel = "FILE_B", description = "The report compared with it.")
    Path fileB;

    @Option(names = "--json", description = "Print the comparison object (the seed's keys) as JSON instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() {
        SessionReport a = ReportCodec.read(fileA);
        SessionReport b = ReportCodec.read(fileB);
        Comparison comparison = Comparison.of(a, b);
        if (json) {
            spec.commandLine().getOut().println(ComparisonJson.toJson(comparison));
        } else {
            spec.commandLine().getOut().print(ComparisonText.render(comparison));
        }
        return 0;
    }
}
