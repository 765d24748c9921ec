package dev.longhaul.cli;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.analysis.ReportText;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code longhaul run}: the seed's main job, a long session against one backend. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a long scripted conversation against one backend, score every turn, "
                + "flag degradation and save the report.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", defaultValue = "ollama",
            description = "Backend provider: ollama, llama-server, openai, llamacpp, or a plugged-in one (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--kv-type", defaultValue = "f16",
            description = "KV cache type: a label for servers (they do not reveal it), applied by llamacpp (default: ${DEFAULT-VALUE}).")
    String kvType;

    @Option(names = "--delay", defaultValue = "0.5", description = "Delay between turns in seconds (default: ${DEFAULT-VALUE}).")
    double delaySeconds;

    @Option(names = {"--output", "-o"}, description = "Report file (default: benchmarks/long_session_<kv-type>_<epoch>.json).")
    Path output;

    @Option(names = "--checkpoint", description = "Journal of finished turns (default: the report's path with .json "
            + "replaced by .turns.jsonl).")
    Path checkpoint;

    @Option(names = "--no-checkpoint", description = "Write no journal of finished turns.")
    boolean noCheckpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run journalled in this file with its settings (other run flags are ignored "
                    + "but -o); the report goes to -o or beside the journal.")
    Path resume;

    @Mixin
    SessionOptions sessionOptions;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SessionBuilder session;
        Path target;
        if (resume != null) {
            session = LongSession.builder().resume(resume);
            target = output != null ? output : reportBeside(resume);
            out.println("Resuming " + resume);
        } else {
            if (!(delaySeconds >= 0)) {
                throw new IllegalArgumentException("--delay " + delaySeconds + " must not be negative");
            }
            if (backend.equals("ollama") && backendOptions.model == null) {
                backendOptions.model = "llama3"; // the seed's default model
            }
            BackendConfig config = backendOptions.config(backend, kvType);
            session = LongSession.builder()
                    .backend(config)
                    .delay(Duration.ofMillis(Math.round(delaySeconds * 1000)));
            sessionOptions.applyTo(session);
            target = output != null ? output
                    : Path.of("benchmarks", "long_session_" + kvType + "_" + System.currentTimeMillis() / 1000 + ".json");
            if (!noCheckpoint) {
                session.checkpoint(checkpoint != null ? checkpoint : checkpointBeside(target));
            }
            printHeader(out, config);
        }
        if (!sessionOptions.quiet) {
            session.listener(new ProgressPrinter(out, ""));
        }

        SessionReport report;
        try (InterruptGuard guard = InterruptGuard.install()) {
            report = session.run();
            out.print(ReportText.render(report));
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ReportCodec.write(report, target);
            out.println("Report saved to: " + target);
            ReportCommand.writeHtml(ReportSet.of(List.of(report)), ReportCommand.htmlBeside(target), out,
                    spec.commandLine().getErr());
            out.flush();
            // Said while the guard still holds the JVM: after close() a SIGTERM's shutdown may end it first.
            if (report.config().extra().get("stopped_early") != null) {
                spec.commandLine().getErr().println("longhaul: run stopped early: "
                        + report.config().extra().get("stopped_early"));
                spec.commandLine().getErr().flush();
            }
        }
        if (report.config().extra().get("stopped_early") != null) {
            return InterruptGuard.shuttingDown() || Thread.interrupted() ? Main.EXIT_INTERRUPTED : Main.EXIT_INCOMPLETE;
        }
        return 0;
    }

    /** {@code run.json} → {@code run.turns.jsonl}. */
    static Path checkpointBeside(Path report) {
        String name = report.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return report.resolveSibling(stem + ".turns.jsonl");
    }

    /** {@code run.turns.jsonl} → {@code run.json}. */
    static Path reportBeside(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String stem = name.endsWith(".turns.jsonl") ? name.substring(0, name.length() - 12)
                : name.replaceFirst("\\.jsonl?$", "");
        return checkpoint.resolveSibling(stem + ".json");
    }

    private void printHeader(PrintWriter out, BackendConfig config) {
        String rule = "=".repeat(70);
        out.println();
        out.println(rule);
        out.println("Long-Session Quality Test — " + sessionOptions.turns() + " turns");
        out.println("Backend: " + backend + " | Model: " + config.model().orElse("(backend default)"));
        if (!backend.equals("ollama")) {
            out.println("KV Type: " + kvType);
        }
        out.println(rule);
        out.println();
        out.flush();
    }
}
