package dev.longhaul.cli;

import dev.longhaul.analysis.ReportText;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.experiment.RunFiles;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    @Option(names = "--force", description = "Replace a finished report at -o (never the journal of an unfinished "
            + "run, never an input).")
    boolean force;

    @Option(names = "--strict-json", description = "Write null where Python's json would write NaN (the means of a run "
            + "with no answered turn), so that strict JSON parsers read the report.")
    boolean strictJson;

    @Mixin
    SessionOptions sessionOptions;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws BackendException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        SessionBuilder session;
        RunFiles files;
        if (resume != null) {
            files = output != null ? RunFiles.beside(output).withJournal(resume) : RunFiles.ofJournal(resume);
            new OutputGuard().input("--resume", resume).output("-o", files.report()).output("the HTML page",
                    files.page());
            refuseToReplaceAFinishedReport(files);
            session = LongSession.builder().resume(resume);
            sessionOptions.applyScorerTo(session);
            out.println("Resuming " + resume);
        } else {
            Duration delay = SessionOptions.delay(delaySeconds);
            if (backend.equals("ollama") && backendOptions.model == null) {
                backendOptions.model = "llama3"; // the seed's default model
            }
            BackendConfig config = backendOptions.config(backend, kvType);
            session = LongSession.builder()
                    .backend(config)
                    .delay(delay);
            sessionOptions.applyTo(session);
            files = RunFiles.beside(output != null ? output : RunFiles.defaultReport(kvType, Instant.now()));
            if (noCheckpoint || checkpoint != null) {
                files = files.withJournal(noCheckpoint ? null : checkpoint);
            }
            new OutputGuard().input("--script", sessionOptions.script).output("-o", files.report())
                    .output(checkpoint != null ? "--checkpoint" : "the journal of -o", files.journal())
                    .output("the HTML page", files.page());
            refuseToReplaceAFinishedReport(files);
            if (files.journal() != null) {
                session.checkpoint(files.journal());
            }
            printHeader(out, config);
        }
        if (!sessionOptions.quiet) {
            session.listener(new ProgressPrinter(out, ""));
        }

        try (InterruptGuard guard = InterruptGuard.install()) {
            SessionReport report = session.run();
            out.print(ReportText.render(report));
            ReportCodec.write(report, files.report(), strictJson);
            out.println("Report saved to: " + files.report());
            ReportCommand.writeHtml(ReportSet.of(List.of(report)), files.page(), out, spec.commandLine().getErr());
            out.flush();
            String stopped = report.config().stoppedEarly().orElse(null);
            if (stopped == null && report.turnMetrics().isEmpty()) {
                spec.commandLine().getErr().println("longhaul: the run answered no turn (" + report.failedTurns().size()
                        + " failed): there is nothing to judge; see failed_turns in " + files.report());
                spec.commandLine().getErr().flush();
                return Main.EXIT_INCOMPLETE;
            }
            if (stopped == null) {
                return 0;
            }
            // Said before the guard is closed: once it is, a SIGTERM's shutdown may end the JVM at once, and the
            // line would be lost (the exit code and the report were already right).
            spec.commandLine().getErr().println("longhaul: run stopped early: " + stopped);
            spec.commandLine().getErr().flush();
            return InterruptGuard.shuttingDown() || Thread.interrupted() ? Main.EXIT_INTERRUPTED : Main.EXIT_INCOMPLETE;
        }
    }

    /**
     * A report is replaced only with {@code --force}, unless it is the report of an interrupted run, which resuming
     * (or running again) supersedes.
     */
    private void refuseToReplaceAFinishedReport(RunFiles files) {
        if (!force && files.reportIsFinished()) {
            throw new IllegalArgumentException("-o " + files.report() + " exists and holds what an earlier command "
                    + "wrote; --force replaces it, or choose another -o");
        }
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
