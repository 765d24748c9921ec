package dev.longhaul.cli;

import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.RepeatedComparisonJson;
import dev.longhaul.analysis.RepeatedComparisonText;
import dev.longhaul.analysis.fidelity.FidelityDifference;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import dev.longhaul.analysis.fidelity.TokenFidelity;
import dev.longhaul.analysis.probes.RecallTable;
import dev.longhaul.analysis.stats.RunMeansTest;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.openai.managed.LaunchOptions;
import dev.longhaul.backend.openai.managed.ManagedLlamaServer;
import dev.longhaul.experiment.AbExperiment;
import dev.longhaul.experiment.Arm;
import dev.longhaul.experiment.ArmLauncher;
import dev.longhaul.experiment.ArmRun;
import dev.longhaul.experiment.ExperimentListener;
import dev.longhaul.experiment.ExperimentResult;
import dev.longhaul.experiment.LaunchedArm;
import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SessionReport;
import dev.longhaul.session.TurnEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
                + "conversation, which needs --repeats 3 or more for a verdict.")
final class AbCommand implements Callable<Integer> {

    /** The embedded backend's flash-attention option (see docs/backend-llamacpp.md). */
    private static final String EMBEDDED_FLASH_ATTENTION = "flash_attn";

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
                    + "least 2 (3 or more to have power) and sampling (temperature > 0).")
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

    @Mixin
    SessionOptions sessionOptions;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        boolean shared = !freeRunning;
        if (shared && backendOptions.temperature == null) {
            backendOptions.temperature = 0.0; // greedy: the cleanest A/B of the cache itself
        }
        boolean greedy = backendOptions.temperature != null && backendOptions.temperature == 0;
        designNotes(out, greedy);
        sameFlashAttention();
        long seed = backendOptions.seed == null ? AbExperiment.DEFAULT_SEED : backendOptions.seed;
        Files.createDirectories(outputDir);
        Duration delay = Duration.ofMillis(Math.round(delaySeconds * 1000));

        AbExperiment.Builder experiment = AbExperiment.builder()
                .seed(seed).repeats(repeats).sharedHistory(shared).noiseFloor(noiseFloor).parallel(parallel)
                .session(session -> {
                    sessionOptions.applyTo(session);
                    session.delay(delay);
                })
                .listener(new Progress(out));
        for (int i = 0; i < kvTypes.size(); i++) {
            experiment.arm(new Arm(kvTypes.get(i), launcher(i, out)));
        }
        if (shared && fidelityTopK > 0) {
            TokenFidelity fidelity = new TokenFidelity(fidelityTopK, greedy);
            experiment.observer(t -> fidelity.measure(t.request(), t.baselineBackend(), t.baselineAnswer(),
                    t.armBackend(), t.armAnswer()));
        }
        ExperimentResult result = experiment.run();

        for (RepeatedComparison c : result.comparisons()) {
            out.print(ComparisonText.render(c.seed()));
            out.print(RepeatedComparisonText.render(c));
        }
        printRecall(out, result);
        Path comparisonFile = outputDir.resolve("comparison.json");
        Files.writeString(comparisonFile, PythonJsonWriter.write(comparisonDocument(result)) + "\n");
        out.println("Comparison saved to: " + comparisonFile);
        ReportCommand.writeHtml(ReportCommand.abRuns(result.reports(),
                result.comparisons().stream().map(RepeatedComparisonJson::tree).toList()),
                outputDir.resolve("report.html"), out, spec.commandLine().getErr());
        return result.stoppedEarly() ? Main.EXIT_INCOMPLETE : 0;
    }

    /** Recall of every run side by side, when the script had probes; repeats are numbered {@code f16#2}. */
    private static void printRecall(PrintWriter out, ExperimentResult result) {
        List<String> labels = new ArrayList<>();
        List<ProbeRecall> recalls = new ArrayList<>();
        for (String label : result.labels()) {
            List<SessionReport> runs = result.reports(label);
            for (int i = 0; i < runs.size(); i++) {
                labels.add(runs.size() == 1 ? label : label + "#" + (i + 1));
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

    /** How each run of arm {@code index} gets its backend: a config, or a llama-server started for the run. */
    private ArmLauncher launcher(int index, PrintWriter out) {
        String kv = kvTypes.get(index);
        String provider = serverBin != null || urls != null && backend.equals("llamacpp") ? "llama-server" : backend;
        BackendConfig.Builder base = backendOptions.config(provider, kv).newBuilder();
        if (urls != null) {
            base.baseUrl(urls.get(index));
        }
        BackendConfig config = base.build();
        if (serverBin == null) {
            return run -> LaunchedArm.of(config.newBuilder().seed(run.seed()).build());
        }
        return run -> {
            ManagedLlamaServer server = startServer(run);
            out.println("Started: " + String.join(" ", server.commandLine()));
            out.flush();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("server_command", server.commandLine());
            record.put("server_log", server.logFile().getFileName().toString());
            record.put("server_kv_log", server.kvLogLines());
            return LaunchedArm.of(server.backendConfig(config.newBuilder().seed(run.seed()).build()))
                    .withReportExtras(record).closing(server);
        };
    }

    private ManagedLlamaServer startServer(ArmRun run) throws Exception {
        LaunchOptions options = LaunchOptions.defaults(outputDir.resolve(stem(run) + ".server.log"))
                .withSeed(run.seed()).withThreads(backendOptions.threads)
                .withStartupTimeout(Duration.ofMillis(Math.round(startupTimeoutSeconds * 1000)));
        if (backendOptions.contextSize != null) {
            options = options.withContextSize(backendOptions.contextSize);
        }
        return ManagedLlamaServer.start(serverBin, backendOptions.modelFile, run.label(), options);
    }

    /** comparison.json: the experiment, the report files, each arm's comparison with the baseline. */
    private Map<String, Object> comparisonDocument(ExperimentResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("baseline", result.labels().get(0));
        doc.put("arms", result.labels());
        List<String> files = new ArrayList<>();
        List<String> noiseFiles = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (int arm = 0; arm < kvTypes.size(); arm++) {
                files.add(stem(new ArmRun(kvTypes.get(arm), arm, repeat, repeats, 0, false)) + ".json");
            }
            if (noiseFloor) {
                noiseFiles.add(stem(new ArmRun(kvTypes.get(0), 0, repeat, repeats, 0, true)) + ".json");
            }
        }
        doc.put("reports", files);
        doc.put("repeats", repeats);
        doc.put("seeds", result.seeds());
        doc.put("shared_history", result.sharedHistory());
        doc.put("design", result.design().jsonName());
        if (noiseFloor) {
            doc.put("noise_floor_reports", noiseFiles);
            doc.put("noise_floor_seeds", result.noiseFloorSeeds());
        }
        doc.put("comparisons", result.comparisons().stream().map(RepeatedComparisonJson::tree).toList());
        if (!result.fidelityDifferences().isEmpty()) {
            doc.put("fidelity_differences", result.fidelityDifferences().stream().map(FidelityDifference::toMap).toList());
        }
        Map<String, Object> fidelity = new LinkedHashMap<>();
        for (String label : result.labels().subList(1, result.labels().size())) {
            List<Map<String, Object>> runs = result.reports(label).stream().map(FidelitySummary::of)
                    .flatMap(s -> s.map(FidelitySummary::toMap).stream()).toList();
            if (!runs.isEmpty()) {
                fidelity.put(label, runs);
            }
        }
        if (!fidelity.isEmpty()) {
            doc.put("token_fidelity", fidelity);
        }
        return doc;
    }

    /**
     * A run's file name without extension: {@code <kv>} for one repeat, {@code <kv>.r<N>} for several; noise-floor
     * runs {@code <kv>.noise} and {@code <kv>.noise.r<N>}.
     */
    private static String stem(ArmRun run) {
        String base = run.label().replaceAll("[^A-Za-z0-9._-]", "_") + (run.noiseFloor() ? ".noise" : "");
        return run.repeats() == 1 ? base : base + ".r" + run.repeat();
    }

    /** Prints a header per run and its progress lines, and saves each run's report as soon as it is finished. */
    private final class Progress implements ExperimentListener {

        private final PrintWriter out;
        private final Map<ArmRun, ProgressPrinter> printers = new LinkedHashMap<>();

        Progress(PrintWriter out) {
            this.out = out;
        }

        // With --parallel, runs report from their own threads: one at a time here, so lines never interleave.
        @Override
        public synchronized void onRunStart(ArmRun run) {
            String what = run.noiseFloor() ? "noise floor" : "arm " + (run.arm() + 1) + "/" + kvTypes.size();
            String repeat = repeats == 1 ? "" : ", repeat " + run.repeat() + "/" + repeats;
            out.printf("%n=== %s: kv %s%s, seed %d ===%n", what, run.label(), repeat, run.seed());
            out.flush();
            printers.put(run, new ProgressPrinter(out, "[" + run.tag() + "] "));
        }

        @Override
        public synchronized void onTurn(ArmRun run, TurnEvent event) {
            if (!sessionOptions.quiet) {
                printers.get(run).onTurn(event);
            }
        }

        @Override
        public synchronized void onRunFinish(ArmRun run, SessionReport report) {
            Path file = outputDir.resolve(stem(run) + ".json");
            try {
                ReportCodec.write(report, file);
            } catch (IOException e) {
                throw new UncheckedIOException("report " + file + ": cannot be written (" + e.getMessage() + ")", e);
            }
            out.println("Report saved to: " + file);
            out.flush();
        }
    }

    private void validate() {
        if (kvTypes.size() < 2) {
            throw new IllegalArgumentException("--kv-types needs at least two cache types, got " + kvTypes);
        }
        if (kvTypes.stream().distinct().count() != kvTypes.size()) {
            throw new IllegalArgumentException("--kv-types lists a cache type twice: " + kvTypes);
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
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("--delay " + delaySeconds + " must not be negative");
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
                    + "cannot be told from the arm (give --repeats 3 or more, or leave out --free-running).");
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
            backendOptions.backendOptions.putIfAbsent(EMBEDDED_FLASH_ATTENTION, "on");
        }
    }
}
