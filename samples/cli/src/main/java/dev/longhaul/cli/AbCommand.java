package dev.longhaul.cli;

import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.RepeatedComparisonJson;
import dev.longhaul.analysis.RepeatedComparisonText;
import dev.longhaul.analysis.fidelity.TokenFidelity;
import dev.longhaul.analysis.probes.RecallTable;
import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.analysis.tradeoff.TradeOffText;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.llamacpp.LlamaCppOptions;
import dev.longhaul.backend.openai.managed.LaunchOptions;
import dev.longhaul.backend.openai.managed.ManagedLlamaServer;
import dev.longhaul.backend.openai.managed.ServerStartException;
import dev.longhaul.experiment.AbExperiment;
import dev.longhaul.experiment.Arm;
import dev.longhaul.experiment.ArmLauncher;
import dev.longhaul.experiment.ArmRun;
import dev.longhaul.experiment.ComparisonDocument;
import dev.longhaul.experiment.ExperimentResult;
import dev.longhaul.experiment.LaunchedArm;
import dev.longhaul.experiment.Study;
import dev.longhaul.experiment.StudyClock;
import dev.longhaul.experiment.StudyConflictException;
import dev.longhaul.experiment.StudyDirectory;
import dev.longhaul.experiment.StudyFiles;
import dev.longhaul.experiment.StudyListener;
import dev.longhaul.experiment.StudyOutcome;
import dev.longhaul.experiment.StudyPlan;
import dev.longhaul.render.ReportSet;
import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.RunNames;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.TurnEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longhaul ab}: one arm per KV cache type with the same script, seed and settings, on
 * {@link AbExperiment}; a report per arm and run, and the comparison of each arm against the first.
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A/B the KV cache: run the same conversation once per cache type (embedded llama.cpp by default, "
                + "so the type is really applied), write DIR/<kv-type>.json per arm, DIR/comparison.json "
                + "and DIR/report.html, "
                + "and print the comparison of each arm against the first. With --server-bin, each arm starts that "
                + "llama-server binary with the arm's cache type, runs over HTTP and stops it. By default every arm "
                + "answers the baseline's conversation (shared history) greedily (temperature 0) and the baseline's "
                + "answers are forced through each arm for token fidelity; --free-running plays each arm's own "
                + "conversation, which needs --repeats 2 or more for a verdict (5 to have power). Every run journals its turns "
                + "(DIR/<kv-type>.turns.jsonl); after Ctrl-C, SIGTERM or a crash, --resume DIR continues the study.")
final class AbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kv-types", split = ",", defaultValue = "f16,q8_0",
            description = "Cache types, baseline first (default: ${DEFAULT-VALUE}).")
    List<String> kvTypes;

    @Option(names = "--backend", defaultValue = "llamacpp",
            description = "Backend of every arm (default: ${DEFAULT-VALUE}; with --urls: llama-server).")
    String backend;

    @Option(names = "--urls", split = ",",
            description = "One server URL per arm, in --kv-types order, for servers you started with those cache types.")
    List<String> urls;

    @Option(names = "--server-bin", paramLabel = "PATH",
            description = "A llama-server binary (llama.cpp's or a fork's, e.g. for turbo4) to start once per arm with "
                    + "-ctk/-ctv of the arm's cache type, on a free loopback port; needs --model-file. Its log goes to "
                    + "DIR/<kv-type>.server.log.")
    Path serverBin;

    @Option(names = "--startup-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "With --server-bin: how long a server may take to answer GET /health 200 (default: ${DEFAULT-VALUE}).")
    double startupTimeoutSeconds;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R",
            description = "Runs per arm, with seeds S, S+1, ... (S = --seed, default 42); the reports are then "
                    + "DIR/<kv-type>.r<N>.json (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--shared-history",
            description = "The default design: every arm answers the baseline's conversation (its history window and "
                    + "each prompt), turn by turn, so contexts are identical and a difference comes from the arm, not "
                    + "from drift; temperature 0 unless --temperature is given.")
    boolean sharedHistory;

    @Option(names = "--free-running",
            description = "Every arm plays its own conversation, its history made of its own answers (the seed's "
                    + "design). Runs then drift as wholes, so the run is the unit: the verdict needs --repeats of at "
                    + "least 2 (5 or more to have power, 7 or more to locate a drop) and sampling (temperature > 0).")
    boolean freeRunning;

    @Option(names = "--noise-floor",
            description = "Also run the baseline with seeds S+R, ... (DIR/<kv-type>.noise[.r<N>].json) and show its "
                    + "difference from the baseline beside every figure.")
    boolean noiseFloor;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Play up to N runs at the same time, each on its own thread: for arms on different servers "
                    + "(--urls, --server-bin) or on one server with several slots, or embedded arms with --threads "
                    + "sharing the cores (default: ${DEFAULT-VALUE}, one after another). Not with --shared-history.")
    int parallel;

    @Option(names = "--fidelity-top-k", defaultValue = "" + TokenFidelity.DEFAULT_TOP_K, paramLabel = "K",
            description = "In shared history: token fidelity per turn (the baseline's answer forced through every "
                    + "arm; mean/99th-percentile KLD and same-top rate from the top K candidates per position, as "
                    + "llama-perplexity --kl-divergence), for backends that can force tokens; 0 turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    int fidelityTopK;

    @Option(names = "--delay", defaultValue = "0", description = "Delay between turns in seconds (default: ${DEFAULT-VALUE}).")
    double delaySeconds;

    @Option(names = "--output-dir", defaultValue = ".", description = "Where the reports go (default: the current directory).")
    Path outputDir;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted study in DIR with its recorded settings: finished runs are not "
                    + "played again, the run in flight resumes from its journal. Other flags may be left out; one "
                    + "that differs from the study's is refused.")
    Path resume;

    @Option(names = "--force", description = "Replace the reports of a finished earlier study in --output-dir "
            + "(never a journal of an unfinished run).")
    boolean force;

    /**
     * Options that a resumed study may be given with any value: they say how, not what, to measure (the gates are
     * those of the command that finishes the study).
     */
    private static final Set<String> FREE_ON_RESUME = Set.of("--resume", "--force", "--quiet", "--verbose",
            "--output-dir", "--help", "--version", "--fail-on-regression", "--max-kld", "--min-same-top",
            "--max-quality-drop");

    /** The most candidates per position token fidelity reads (llama-server's n_probs is no wider in practice). */
    static final int MAX_FIDELITY_TOP_K = 1000;

    /** The command line a resumed study is parsed from; set on resume, else this command's own. */
    private List<String> recordedArgs;

    @Option(names = "--no-save-responses",
            description = "Leave the prompts and answers out of the reports (by default ab keeps them, to show the "
                    + "arms' answers side by side).")
    boolean noSaveResponses;

    @Option(names = "--strict-json",
            description = "Write null where Python's json would write NaN (an arm with no answered turn), so that "
                    + "strict JSON parsers read comparison.json and the reports.")
    boolean strictJson;

    @Mixin
    SessionOptions sessionOptions;

    @Mixin
    GateOptions gateOptions;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resume != null) {
            AbCommand study = recorded(resume);
            out.println("Resuming the study in " + resume);
            return study.play(StudyDirectory.resume(resume), out, err);
        }
        return play(StudyDirectory.create(outputDir).overwriting(force), out, err);
    }

    /**
     * The study recorded in {@code dir}, parsed again from its command line, with this command's output options;
     * refuses an option given now with another value than the study's.
     */
    private AbCommand recorded(Path dir) {
        Object args = StudyDirectory.recordedSettings(dir).get("args");
        if (!(args instanceof List<?> list)) {
            throw new IllegalArgumentException(dir.resolve(StudyFiles.STUDY) + ": no command line recorded; "
                    + "not a study of longhaul ab");
        }
        List<String> recordedLine = list.stream().map(String::valueOf).toList();
        AbCommand study = new AbCommand();
        new CommandLine(study).parseArgs(recordedLine.toArray(String[]::new));
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (FREE_ON_RESUME.contains(option.longestName())) {
                continue;
            }
            Object then = study.spec.findOption(option.longestName()).getValue();
            if (!Objects.equals(comparable(then), comparable(option.getValue()))) {
                throw new IllegalArgumentException(option.longestName() + " " + shown(option.getValue())
                        + " differs from the study's " + shown(then) + " (" + dir.resolve(StudyFiles.STUDY)
                        + "); a resumed study keeps its settings: leave it out");
            }
        }
        study.outputDir = dir;
        study.sessionOptions.quiet |= sessionOptions.quiet;
        study.sessionOptions.verbose |= sessionOptions.verbose;
        study.recordedArgs = recordedLine;
        study.gateOptions = gateOptions;
        return study;
    }

    /** A path as the absolute one the study recorded; other values as they are. */
    private static Object comparable(Object value) {
        return value instanceof Path path ? path.toAbsolutePath().normalize() : value;
    }

    private static String shown(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    /** This command's arguments, without those that only say where and how: what a resumed study is parsed from. */
    private List<String> studyArgs() {
        if (recordedArgs != null) {
            return recordedArgs;
        }
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (FREE_ON_RESUME.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                if (Boolean.TRUE.equals(option.getValue())) {
                    args.add(option.longestName());
                } else if (option.negatable()) {
                    args.add(spec.negatableOptionTransformer().makeNegative(option.longestName(), spec));
                }
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                // a resumed study may start in another directory: a file is recorded by its absolute path
                args.add(option.type() == Path.class ? Path.of(value).toAbsolutePath().normalize().toString() : value);
            }
        }
        return args;
    }

    /**
     * Plays (or continues) the study in {@code directory} as a {@link Study}, prints the comparisons and writes the
     * HTML page; the study writes the reports and comparison.json.
     */
    private Integer play(StudyDirectory directory, PrintWriter out, PrintWriter err) throws Exception {
        validate();
        gateOptions.gates();
        if (noSaveResponses && sessionOptions.saveResponses) {
            throw new IllegalArgumentException("--save-responses and --no-save-responses contradict each other; give "
                    + "one of them (ab saves responses by default)");
        }
        sessionOptions.saveResponses = !noSaveResponses;
        boolean shared = !freeRunning;
        if (shared && backendOptions.temperature == null) {
            backendOptions.temperature = 0.0; // greedy: the cleanest A/B of the cache itself
        }
        boolean greedy = backendOptions.temperature != null && backendOptions.temperature == 0;
        designNotes(out, greedy);
        sameFlashAttention();
        Duration delay = SessionOptions.delay(delaySeconds);
        StudyFiles files = directory.files();
        // said before any arm's config is checked, so that it stands even when an arm is refused
        out.println(StudyBudget.line(kvTypes.size(), repeats, noiseFloor, sessionOptions.turns(),
                shared && fidelityTopK > 0, backendOptions.maxTokens));
        out.flush();
        StudyPlan.Builder plan = StudyPlan.builder(directory.withSettings(Map.of("args", studyArgs()))
                        .strictJson(strictJson))
                .seed(backendOptions.seed == null ? AbExperiment.DEFAULT_SEED : backendOptions.seed)
                .repeats(repeats).design(shared ? Design.SHARED_HISTORY : Design.FREE_RUNNING)
                .noiseFloor(noiseFloor).parallel(parallel).turns(sessionOptions.turns())
                .session(session -> {
                    sessionOptions.applyTo(session);
                    session.delay(delay);
                })
                .tokenFidelity(shared ? fidelityTopK : 0, greedy);
        for (int i = 0; i < kvTypes.size(); i++) {
            plan.arm(new Arm(kvTypes.get(i), launcher(i, out, files)));
        }
        Study study = new Study(plan.build());
        try (InterruptGuard guard = InterruptGuard.install()) {
            StudyOutcome outcome;
            try {
                outcome = study.run(new Progress(out, files, study.clock()));
            } catch (StudyConflictException e) {
                throw new IllegalArgumentException(e.getMessage() + hint(e.reason(), files.dir()), e);
            }
            out.println("Comparison saved to: " + outcome.comparisonFile());
            ExperimentResult result = outcome.result();
            if (result.reports().values().stream().anyMatch(runs -> !runs.isEmpty())) {
                ReportCommand.writeHtml(ReportSet.ofStudy(result.reports(),
                        result.comparisons().stream().map(RepeatedComparisonJson::tree).toList(),
                        outcome.document().summary()), files.page(), out, err);
            }
            return exitCode(outcome, files.dir(), err);
        }
    }

    /**
     * 130 after an interrupt (said on {@code err}, with how to resume); 1 when an arm answered no turn (said on
     * {@code err}: there is nothing to judge it by), else the gates' code when one is breached or inconclusive, else
     * 1 when a run stopped early, else 0.
     */
    private int exitCode(StudyOutcome outcome, Path dir, PrintWriter err) {
        StudyOutcome.Kind kind = outcome.kind();
        if (kind == StudyOutcome.Kind.INTERRUPTED) {
            // said before the guard lets the JVM exit, so that the line is never lost
            err.println("longhaul: study stopped: " + outcome.interruption() + "; the journals keep every finished "
                    + "turn: longhaul ab --resume " + dir);
            err.flush();
            return Main.EXIT_INTERRUPTED;
        }
        if (kind == StudyOutcome.Kind.ARMS_UNANSWERED) {
            List<String> unanswered = outcome.unansweredArms();
            err.println("longhaul: " + String.join(", ", unanswered) + " answered no turn: the study cannot judge "
                    + (unanswered.size() == 1 ? "that arm" : "those arms") + " (see the failed turns in "
                    + (unanswered.size() == 1 ? "its report" : "their reports") + ")");
            err.flush();
            return Main.EXIT_INCOMPLETE;
        }
        TradeOffSummary summary = outcome.document().summary();
        int gates = summary == null ? 0 : gateOptions.check(summary, err);
        if (gates != 0) {
            return gates;
        }
        return kind == StudyOutcome.Kind.STOPPED_EARLY ? Main.EXIT_INCOMPLETE : 0;
    }

    private static String hint(StudyConflictException.Reason reason, Path dir) {
        return switch (reason) {
            case FINISHED_REPORT -> " (--force overwrites it)";
            case UNFINISHED_STUDY, UNFINISHED_RUN -> " (longhaul ab --resume " + dir + ")";
            default -> "";
        };
    }

    private void printComparisons(PrintWriter out, ExperimentResult result, TradeOffSummary summary) {
        if (summary != null) {
            out.println();
            TradeOffText.lines(summary).forEach(out::println);
        }
        for (RepeatedComparison c : result.comparisons()) {
            out.print(ComparisonText.render(c.seed()));
            out.print(RepeatedComparisonText.render(c));
        }
        printRecall(out, result);
    }

    /** Recall of every run side by side, when the script had probes; repeats are numbered {@code f16#2}. */
    private static void printRecall(PrintWriter out, ExperimentResult result) {
        List<String> labels = new ArrayList<>();
        List<ProbeRecall> recalls = new ArrayList<>();
        for (String label : result.labels()) {
            List<SessionReport> runs = result.reports(label);
            for (int i = 0; i < runs.size(); i++) {
                labels.add(runs.size() == 1 ? label : RunNames.another(label, i + 1));
                recalls.add(ProbeRecall.of(runs.get(i).turnMetrics()).orElse(null));
            }
        }
        List<String> lines = RecallTable.lines(labels, recalls);
        if (!lines.isEmpty()) {
            out.println();
            out.println("RECALL PROBES:");
            lines.forEach(out::println);
        }
    }

    /**
     * How each run of arm {@code index} gets its backend: a config, or a llama-server started for the run. The managed
     * server's launcher lives here, not in longhaul-experiment, which must not depend on a concrete backend
     * (backends/openai's {@link ManagedLlamaServer}); the {@link Study} only calls it.
     */
    private ArmLauncher launcher(int index, PrintWriter out, StudyFiles files) throws BackendException {
        BackendConfig config = armConfig(index);
        if (serverBin == null) {
            return run -> LaunchedArm.of(config.newBuilder().seed(run.seed()).build());
        }
        return run -> {
            ManagedLlamaServer server = startServer(run, files);
            out.println("Started: " + String.join(" ", server.commandLine()));
            out.flush();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put(RunConfig.SERVER_COMMAND, server.commandLine());
            record.put(RunConfig.SERVER_LOG, server.logFile().getFileName().toString());
            record.put(RunConfig.SERVER_KV_LOG, server.kvLogLines());
            return LaunchedArm.of(server.backendConfig(config.newBuilder().seed(run.seed()).build()))
                    .withReportExtras(record).closing(server);
        };
    }

    /** Arm {@code index}'s backend config; checked by its provider (e.g. the cache type) before any run starts. */
    private BackendConfig armConfig(int index) throws BackendException {
        String provider = serverBin != null || urls != null && backend.equals("llamacpp") ? "llama-server" : backend;
        BackendConfig.Builder base = backendOptions.config(provider, kvTypes.get(index), serverBin != null)
                .newBuilder();
        if (urls != null) {
            base.baseUrl(urls.get(index));
        }
        BackendConfig config = base.build();
        Backends.discover().provider(provider).validate(config);
        return config;
    }

    private ManagedLlamaServer startServer(ArmRun run, StudyFiles files)
            throws ServerStartException, InterruptedException {
        LaunchOptions options = LaunchOptions.defaults(files.serverLog(run))
                .withSeed(run.seed()).withThreads(backendOptions.threads)
                .withStartupTimeout(Duration.ofMillis(Math.round(startupTimeoutSeconds * 1000)));
        if (backendOptions.contextSize != null) {
            options = options.withContextSize(backendOptions.contextSize);
        }
        return ManagedLlamaServer.start(serverBin, backendOptions.modelFile, run.label(), options);
    }

    /**
     * Prints a header per run and its progress lines, where each finished run's report was saved, and the
     * comparisons once the study is over.
     */
    private final class Progress implements StudyListener {

        private final PrintWriter out;
        private final StudyFiles files;
        private final Map<ArmRun, ProgressPrinter> printers = new LinkedHashMap<>();
        private final StudyClock clock;

        Progress(PrintWriter out, StudyFiles files, StudyClock clock) {
            this.out = out;
            this.files = files;
            this.clock = clock;
        }

        // With --parallel, runs report from their own threads: one at a time here, so lines never interleave.
        @Override
        public synchronized void onRunStart(ArmRun run) {
            boolean resumed = Files.isRegularFile(files.journal(run));
            out.printf("%n=== %s ===%n", header(run) + (resumed ? ", resumed from " + files.journal(run) : ""));
            out.flush();
            printers.put(run, new ProgressPrinter(out, "[" + run.tag() + "] ", clock));
        }

        @Override
        public synchronized void onTurn(ArmRun run, TurnEvent event) {
            if (!sessionOptions.quiet) {
                printers.get(run).onTurn(event);
            }
        }

        @Override
        public synchronized void onRunSaved(ArmRun run, Path file) {
            out.println("Report saved to: " + file);
            out.flush();
        }

        @Override
        public synchronized void onRunRestored(ArmRun run, SessionReport report, Path file) {
            out.printf("%n=== %s: finished earlier, %s ===%n", header(run), file);
            out.flush();
        }

        @Override
        public void onComparison(ComparisonDocument document) {
            printComparisons(out, document.result(), document.summary());
        }

        private String header(ArmRun run) {
            String what = run.noiseFloor() ? "noise floor" : "arm " + (run.arm() + 1) + "/" + kvTypes.size();
            String repeat = repeats == 1 ? "" : ", repeat " + run.repeat() + "/" + repeats;
            return String.format("%s: kv %s%s, seed %d", what, run.label(), repeat, run.seed());
        }
    }

    private void validate() {
        if (kvTypes.size() < 2) {
            throw new IllegalArgumentException("--kv-types needs at least two cache types, got " + kvTypes);
        }
        if (kvTypes.stream().distinct().count() != kvTypes.size()) {
            throw new IllegalArgumentException("--kv-types lists a cache type twice: " + kvTypes);
        }
        for (String kv : kvTypes) {
            if (kv.isBlank() || kv.length() > 64 || kv.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("--kv-types '" + kv + "' is not a cache type: give 1 to 64 "
                        + "printable characters");
            }
        }
        if (urls != null && urls.size() != kvTypes.size()) {
            throw new IllegalArgumentException("--urls has " + urls.size() + " URLs for " + kvTypes.size()
                    + " cache types; give one URL per arm");
        }
        if (serverBin != null && urls != null) {
            throw new IllegalArgumentException("--server-bin starts its own servers; leave out --urls");
        }
        if (serverBin != null && backendOptions.modelFile == null) {
            throw new IllegalArgumentException("--server-bin needs --model-file, the GGUF model each server loads");
        }
        if (serverBin != null && !(startupTimeoutSeconds > 0)) {
            throw new IllegalArgumentException("--startup-timeout " + startupTimeoutSeconds + " must be positive");
        }
        SessionOptions.delay(delaySeconds);
        if (fidelityTopK < 0 || fidelityTopK > MAX_FIDELITY_TOP_K) {
            throw new IllegalArgumentException("--fidelity-top-k " + fidelityTopK + " is out of range [0, "
                    + MAX_FIDELITY_TOP_K + "] (0 turns token fidelity off)");
        }
        if (repeats < 1 || repeats > 1000) {
            throw new IllegalArgumentException("--repeats " + repeats + " is out of range [1, 1000]");
        }
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel " + parallel + " is out of range [1, 64]");
        }
        if (sharedHistory && freeRunning) {
            throw new IllegalArgumentException("--shared-history and --free-running are two designs; give one of them");
        }
        if (parallel > 1 && !freeRunning) {
            throw new IllegalArgumentException("--parallel plays independent runs; shared history (the default) plays "
                    + "its arms in lockstep, so give --free-running or leave --parallel out");
        }
        boolean greedy = backendOptions.temperature == null || backendOptions.temperature == 0;
        if (!freeRunning && greedy && repeats > 1) {
            throw new IllegalArgumentException("--repeats " + repeats + " with greedy shared history plays the same "
                    + "conversation " + repeats + " times; give --temperature > 0 for repeats, or leave --repeats out");
        }
    }

    /** Says up front what the design can conclude, before hours of runs. */
    private void designNotes(PrintWriter out, boolean greedy) {
        if (freeRunning && repeats < RunMeansTest.MIN_RUNS) {
            out.println("Note: one free-running run per arm: the verdict will be inconclusive, since run-to-run drift "
                    + "cannot be told from the arm (give --repeats 5 or more, or leave out --free-running).");
        } else if (freeRunning && greedy) {
            out.println("Note: free-running repeats at temperature 0 play the same conversation whatever the seed: they "
                    + "count as one run and the verdict will be inconclusive (give --temperature > 0).");
        }
        if (noiseFloor && !freeRunning && greedy) {
            out.println("Note: a noise floor at temperature 0 reruns the same greedy answers; it measures nothing.");
        }
        out.flush();
    }

    /**
     * Embedded arms all run with flash attention on: llama.cpp needs it for a quantized V cache, and arms that differ
     * in it differ in speed and numerics for a reason that is not the cache. A value the user gave is kept.
     */
    private void sameFlashAttention() {
        if (serverBin == null && urls == null && backend.equals("llamacpp")) {
            backendOptions.backendOptions.putIfAbsent(LlamaCppOptions.FLASH_ATTN.name(), "on");
        }
    }
}
