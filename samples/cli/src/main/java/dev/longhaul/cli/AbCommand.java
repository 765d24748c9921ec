package dev.longhaul.cli;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.ComparisonText;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.openai.managed.LaunchOptions;
import dev.longhaul.backend.openai.managed.ManagedLlamaServer;
import dev.longhaul.report.PythonJsonWriter;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.script.Script;
import dev.longhaul.session.LongSession;
import dev.longhaul.session.SessionBuilder;
import java.io.PrintWriter;
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
 * {@code longhaul ab}: one arm per KV cache type with the same script, seed and settings; a report per arm and the
 * comparison of each arm against the first.
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A/B the KV cache: run the same conversation once per cache type (embedded llama.cpp by default, "
                + "so the type is really applied), write DIR/<kv-type>.json per arm and DIR/comparison.json, "
                + "and print the comparison of each arm against the first. With --server-bin, each arm starts that "
                + "llama-server binary with the arm's cache type, runs over HTTP and stops it.")
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

    @Option(names = "--turns", defaultValue = "50", description = "Turns per arm (default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--history-window", defaultValue = "20", description = "Turns of history to keep (default: ${DEFAULT-VALUE}).")
    int historyWindow;

    @Option(names = "--delay", defaultValue = "0", description = "Delay between turns in seconds (default: ${DEFAULT-VALUE}).")
    double delaySeconds;

    @Option(names = "--output-dir", defaultValue = ".", description = "Where the reports go (default: the current directory).")
    Path outputDir;

    @Option(names = "--save-responses", description = "Include full prompts and responses in the reports.")
    boolean saveResponses;

    @Option(names = "--script", description = "Conversation script (JSON; default: the seed's 50 prompts).")
    Path script;

    @Option(names = "--quiet", description = "Print no per-turn progress.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        if (backendOptions.seed == null) {
            backendOptions.seed = 42L;
        }
        Script conversation = script == null ? Script.seed() : Script.load(script);
        Files.createDirectories(outputDir);

        List<SessionReport> reports = new ArrayList<>();
        boolean incomplete = false;
        for (int i = 0; i < kvTypes.size(); i++) {
            String kv = kvTypes.get(i);
            String provider = serverBin != null || urls != null && backend.equals("llamacpp") ? "llama-server" : backend;
            BackendConfig config = backendOptions.config(provider, kv);
            if (urls != null) {
                config = config.newBuilder().baseUrl(urls.get(i)).build();
            }
            out.printf("%n=== arm %d/%d: kv %s (%s) ===%n", i + 1, kvTypes.size(), kv, provider);
            out.flush();
            SessionReport report;
            if (serverBin != null) {
                try (ManagedLlamaServer server = startServer(kv)) {
                    out.println("Started: " + String.join(" ", server.commandLine()));
                    out.flush();
                    report = withServerRecord(runArm(server.backendConfig(config), conversation, kv, out), server);
                }
            } else {
                report = runArm(config, conversation, kv, out);
            }
            Path file = outputDir.resolve(fileName(kv) + ".json");
            ReportCodec.write(report, file);
            out.println("Report saved to: " + file);
            if (report.config().extra().containsKey("stopped_early")) {
                incomplete = true;
            }
            reports.add(report);
        }

        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 1; i < reports.size(); i++) {
            Comparison c = Comparison.of(reports.get(0), reports.get(i));
            comparisons.add(c);
            out.print(ComparisonText.render(c));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("baseline", reports.get(0).label());
        doc.put("arms", kvTypes);
        doc.put("reports", kvTypes.stream().map(kv -> fileName(kv) + ".json").toList());
        doc.put("comparisons", comparisons.stream().map(ComparisonJson::tree).toList());
        Path comparisonFile = outputDir.resolve("comparison.json");
        Files.writeString(comparisonFile, PythonJsonWriter.write(doc) + "\n");
        out.println("Comparison saved to: " + comparisonFile);
        return incomplete ? Main.EXIT_INCOMPLETE : 0;
    }

    private SessionReport runArm(BackendConfig config, Script conversation, String kv, PrintWriter out)
            throws Exception {
        SessionBuilder session = LongSession.builder().backend(config).script(conversation)
                .turns(turns).historyWindow(historyWindow)
                .delay(Duration.ofMillis(Math.round(delaySeconds * 1000)))
                .saveResponses(saveResponses);
        if (!quiet) {
            session.listener(new ProgressPrinter(out, "[" + kv + "] "));
        }
        return session.run();
    }

    private ManagedLlamaServer startServer(String kv) throws Exception {
        LaunchOptions options = LaunchOptions.defaults(outputDir.resolve(fileName(kv) + ".server.log"))
                .withSeed(backendOptions.seed).withThreads(backendOptions.threads)
                .withStartupTimeout(Duration.ofMillis(Math.round(startupTimeoutSeconds * 1000)));
        if (backendOptions.contextSize != null) {
            options = options.withContextSize(backendOptions.contextSize);
        }
        return ManagedLlamaServer.start(serverBin, backendOptions.modelFile, kv, options);
    }

    /** The report with what only the managed server knows: how it was started and what its log says of the cache. */
    private static SessionReport withServerRecord(SessionReport report, ManagedLlamaServer server) {
        RunConfig config = report.config()
                .withExtra("server_command", server.commandLine())
                .withExtra("server_log", server.logFile().getFileName().toString())
                .withExtra("server_kv_log", server.kvLogLines());
        return new SessionReport(config, report.turnMetrics(), report.degradationAlerts(), report.summary(),
                report.responses(), report.failedTurns());
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
    }

    private static String fileName(String kvType) {
        return kvType.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
