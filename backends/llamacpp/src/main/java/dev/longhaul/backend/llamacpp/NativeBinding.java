package dev.longhaul.backend.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;
import dev.longhaul.backend.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the binding's native library once per JVM, quietly.
 *
 * <p>Left to itself, {@code de.kherud:llama} 4.2.0 extracts {@code libjllama} to {@code java.io.tmpdir} under a
 * fixed name (so concurrent JVMs overwrite each other's copy) and announces it on {@code System.out}, which would
 * end up in the CLI's output. So this class extracts the library itself, into
 * {@code <cache dir>/native/<binding version>/<os>-<arch>/}, and points the binding's own
 * {@code de.kherud.llama.lib.path} property at it, unless that property is already set.
 */
final class NativeBinding {

    static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBinding.class);
    private static final NativeLogSink LOG_SINK = new NativeLogSink();
    private static boolean loaded;

    private NativeBinding() {
    }

    /**
     * Loads the native library if it is not loaded yet.
     *
     * @throws BackendException (configuration) when there is no native library for this platform or it fails to load
     */
    static synchronized void load() throws BackendException {
        if (loaded) {
            return;
        }
        if (System.getProperty(LIB_PATH_PROPERTY) == null) {
            extractLibrary().ifPresent(dir -> System.setProperty(LIB_PATH_PROPERTY, dir.toString()));
        }
        try {
            Class.forName(LlamaModel.class.getName(), true, LlamaModel.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BackendException(BackendException.Kind.CONFIGURATION,
                    "llamacpp: the llama.cpp native library of de.kherud:llama could not be loaded on "
                            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + rootMessage(e),
                    1, e);
        }
        loaded = true;
    }

    /**
     * Sends llama.cpp's log to slf4j. Loading a model resets llama.cpp's log callback, so this is called after
     * every load.
     */
    static void routeLogToSlf4j() {
        LlamaModel.setLogger(LogFormat.TEXT, LOG_SINK);
    }

    /** @return the directory the binding loads its library from, when it was set (by us or the user) */
    static Optional<String> libraryDirectory() {
        return Optional.ofNullable(System.getProperty(LIB_PATH_PROPERTY));
    }

    /** @return the binding's version, for example {@code 4.2.0}, from its Maven metadata */
    static String bindingVersion() {
        try (InputStream in = LlamaModel.class.getResourceAsStream("/META-INF/maven/de.kherud/llama/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOG.debug("cannot read the binding's pom.properties", e);
        }
        return "unknown";
    }

    private static Optional<Path> extractLibrary() {
        Optional<String> folder = platformFolder();
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        String library = System.mapLibraryName("jllama");
        String resource = "/de/kherud/llama/" + folder.get() + "/" + library;
        if (LlamaModel.class.getResource(resource) == null) {
            return Optional.empty();
        }
        Path dir = ResourceExtractor.cacheDirectory().resolve("native")
                .resolve("de.kherud.llama-" + bindingVersion()).resolve(folder.get().replace('/', '-'));
        try {
            ResourceExtractor.extract(LlamaModel.class, resource, dir.resolve(library), -1, null);
            return Optional.of(dir);
        } catch (IOException e) {
            LOG.debug("could not extract {} to {}; leaving it to the binding's loader", resource, dir, e);
            return Optional.empty();
        }
    }

    /** The binding's folder for this platform, as its own loader names them (Linux/x86_64, Mac/aarch64, …). */
    private static Optional<String> platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osFolder = os.startsWith("linux") && !System.getProperty("java.vm.name", "").contains("Dalvik") ? "Linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "Mac"
                : os.startsWith("windows") ? "Windows" : null;
        String archFolder = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64"
                : arch.equals("x86") || arch.equals("i386") || arch.equals("i686") ? "x86" : null;
        return osFolder == null || archFolder == null ? Optional.empty() : Optional.of(osFolder + "/" + archFolder);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
