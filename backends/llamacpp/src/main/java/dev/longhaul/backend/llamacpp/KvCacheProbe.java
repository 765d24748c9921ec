package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads llama.cpp's own account of the KV cache it allocates for a {@link ModelLoadSpec}, by loading the model in a
 * short-lived child JVM ({@link KvCacheProbeMain}) and reading its standard error.
 *
 * <p>Why a child process: the binding can only route llama.cpp's log to Java after a model has loaded (loading
 * resets the log callback), and llama.cpp writes the KV cache lines while loading; silencing standard error in
 * this process would need native code. The child also shields this JVM: a model that makes llama.cpp abort kills
 * the child, and the failure is reported as a configuration error instead.
 *
 * <p>Results are kept per spec and model checksum for the life of the JVM.
 */
final class KvCacheProbe {

    private static final Logger LOG = LoggerFactory.getLogger(KvCacheProbe.class);
    private static final Map<Key, KvCacheReport> SEEN = new ConcurrentHashMap<>();

    private record Key(ModelLoadSpec spec, String sha256) {
    }

    /**
     * What the probe found: a report, or why there is none.
     *
     * @param report      the KV cache report, or null
     * @param unavailable why there is no report, or null
     */
    record Outcome(KvCacheReport report, String unavailable) {
    }

    private KvCacheProbe() {
    }

    /**
     * Probes a spec.
     *
     * @param spec    what to load
     * @param model   the model file (its checksum keys the cache)
     * @param timeout how long the child may take
     * @return the report, or the reason it is unavailable (the child could not be started or timed out)
     * @throws BackendException (configuration) when llama.cpp refused or crashed on the model in the child
     */
    static Outcome probe(ModelLoadSpec spec, ModelFile model, Duration timeout) throws BackendException {
        Key key = new Key(spec, model.sha256());
        KvCacheReport seen = SEEN.get(key);
        if (seen != null) {
            return new Outcome(seen, null);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            return unavailable("no java launcher at " + java);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-D" + ResourceExtractor.CACHE_DIR_PROPERTY + "=" + ResourceExtractor.cacheDirectory()));
        NativeBinding.libraryDirectory().ifPresent(dir -> command.add("-D" + NativeBinding.LIB_PATH_PROPERTY + "=" + dir));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KvCacheProbeMain.class.getName()));
        command.addAll(spec.toArgs());

        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return unavailable("the probe process could not be started: " + e.getMessage());
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(process, lines), "llamacpp-kv-probe-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return unavailable("the probe process took longer than " + timeout.toSeconds() + " s");
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.INTERRUPTED,
                    "llamacpp: interrupted while probing the KV cache of " + model.fileName(), 1, e);
        }
        List<String> log;
        synchronized (lines) {
            log = List.copyOf(lines);
        }
        log.forEach(line -> LOG.debug("probe: {}", line));
        int status = process.exitValue();
        if (!log.contains(KvCacheProbeMain.STARTED)) {
            return unavailable("the probe process exited with status " + status + " before loading: " + lastLine(log));
        }
        if (status != 0) {
            String what = status == KvCacheProbeMain.LOAD_FAILED ? "could not load" : "crashed (exit status " + status
                    + ") while loading";
            throw new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: llama.cpp " + what
                    + " model file " + model.path() + " with " + describe(spec) + ": " + reason(log));
        }
        KvCacheReport report = KvCacheReport.parse(log);
        report.lines().forEach(NativeLogSink.LOG::info);
        SEEN.put(key, report);
        return new Outcome(report, null);
    }

    /** @return the spec in a few words: context, cache types, flash attention */
    static String describe(ModelLoadSpec spec) {
        return "n_ctx " + spec.contextSize() + ", KV cache " + LlamaCppSettings.kvLabel(spec.typeK().llamaName(),
                spec.typeV().llamaName()) + ", flash attention " + (spec.flashAttention() ? "on" : "off");
    }

    private static Outcome unavailable(String why) {
        LOG.warn("llamacpp: KV cache lines unavailable: {}", why);
        return new Outcome(null, why);
    }

    private static void readLines(Process process, List<String> into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("(reading the probe's output failed: " + e.getMessage() + ")");
        }
    }

    /**
     * The line that best says why llama.cpp failed: its first error-like line (later ones repeat the failure
     * from further up the call chain, less precisely), else the binding's message.
     */
    private static String reason(List<String> log) {
        String binding = null;
        String error = null;
        for (String line : log) {
            String l = line.strip();
            if (l.startsWith(KvCacheProbeMain.FAILED)) {
                binding = l.substring(KvCacheProbeMain.FAILED.length());
            } else if (error == null && !l.startsWith("longhaul-kv-probe") && looksLikeError(l)) {
                error = l;
            }
        }
        if (error != null) {
            return error;
        }
        return binding != null ? binding : lastLine(log);
    }

    private static boolean looksLikeError(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return !l.startsWith("print_info") && (l.contains("error") || l.contains("failed") || l.contains("requires")
                || l.contains("not supported") || l.contains("exception") || l.contains("assert")
                || l.contains("out of memory"));
    }

    private static String lastLine(List<String> log) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (!log.get(i).isBlank()) {
                return log.get(i).strip();
            }
        }
        return "(no output)";
    }
}
