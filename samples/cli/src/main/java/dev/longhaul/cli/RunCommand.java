package dev.longhaul.cli;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.experiment.StudyFiles;
import dev.longhaul.render.ReportSet;
import dev.longhaul.files.AtomicFile;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.analysis.ReportText;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        Path target;
        if (resume != null) {
            target = output != null ? output : reportBeside(resume);
            new OutputGuard().input("--resume", resume).output("-o", target).output("the HTML page",
                    ReportCommand.htmlBeside(target));
            refuseToReplaceAFinishedReport(target);
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
            target = output != null ? output : Path.of("benchmarks", "long_session_" + StudyFiles.fileSafe(kvType)
                    + "_" + System.currentTimeMillis() / 1000 + ".json");
            Path journal = noCheckpoint ? null : checkpoint != null ? checkpoint : checkpointBeside(target);
            new OutputGuard().input("--script", sessionOptions.script).output("-o", target)
                    .output(checkpoint != null ? "--checkpoint" : "the journal of -o", journal)
                    .output("the HTML page", ReportCommand.htmlBeside(target));
            refuseToReplaceAFinishedReport(target);
            if (journal != null) {
                session.checkpoint(journal);
            }
            printHeader(out, config);
        }
        if (!sessionOptions.quiet) {
            session.listener(new ProgressPrinter(out, ""));
        }

        try (InterruptGuard guard = InterruptGuard.install()) {
            SessionReport report = session.run();
            out.print(ReportText.render(report));
            if (strictJson) {
                AtomicFile.write(target, ReportCodec.toStrictJson(report), StandardCharsets.US_ASCII);
            } else {
                ReportCodec.write(report, target);
            }
            out.println("Report saved to: " + target);
            ReportCommand.writeHtml(ReportSet.of(List.of(report)), ReportCommand.htmlBeside(target), out,
                    spec.commandLine().getErr());
            out.flush();
            String stopped = report.config().stoppedEarly().orElse(null);
            if (stopped == null && report.turnMetrics().isEmpty()) {
                spec.commandLine().getErr().println("longhaul: the run answered no turn (" + report.failedTurns().size()
                        + " failed): there is nothing to judge; see failed_turns in " + target);
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
     * A report at {@code target} is replaced only with {@code --force}, unless it is the report of an interrupted
     * run, which resuming (or running again) supersedes.
     */
    private void refuseToReplaceAFinishedReport(Path target) {
        if (force || !Files.exists(target)) {
            return;
        }
        try {
            String stopped = ReportCodec.read(target).config().stoppedEarly().orElse(null);
            if (stopped != null && stopped.startsWith("interrupted")) {
                return;
            }
        } catch (RuntimeException notAReport) {
            // not a report: still not ours to replace without --force
        }
        throw new IllegalArgumentException("-o " + target + " exists and holds what an earlier command wrote; "
                + "--force replaces it, or choose another -o");
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
