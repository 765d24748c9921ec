package dev.longhaul.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real llama.cpp program for the tests that run one: found in its environment variable, or else unpacked from the
 * folder of prebuilt static binaries that CI keeps beside the checkout ({@code ../shared/tools/llama.cpp/}, see its
 * README) into {@code <checkout>/target/llama.cpp/}, once per build (a copy newer than its {@code .gz} is reused).
 * A user's clone has neither, and {@link #require()} then skips the test with one line saying what is missing.
 *
 * <p>Switches: the system property {@value #TOOLS_PROPERTY} names another folder of {@code .gz} binaries, or is
 * {@code none} to run as a user's clone would (every test needing a binary skips); the environment variable
 * {@value #REQUIRED_ENV}{@code =1} (set by {@code .ci/run} when the folder is there) turns a skip into a failure, so
 * that CI cannot pass by skipping them.
 */
public enum LlamaCppTool {

    /** Upstream llama.cpp's {@code llama-server}: caps the slot context at the model's trained context. */
    UPSTREAM_SERVER("LLAMA_SERVER", "upstream-llama-server", "upstream llama-server"),
    /** The TurboQuant fork's {@code llama-server}: cache types {@code turbo2/3/4}; does not cap the slot context. */
    TURBO_SERVER("LLAMA_SERVER_TURBO", "turbo-llama-server", "TurboQuant fork's llama-server"),
    /** Upstream llama.cpp's {@code llama-perplexity} ({@code --kl-divergence-base}, {@code --kl-divergence}). */
    PERPLEXITY("LLAMA_PERPLEXITY", "upstream-llama-perplexity", "upstream llama-perplexity");

    /** System property: the folder of {@code .gz} binaries, or {@code none}. */
    public static final String TOOLS_PROPERTY = "longhaul.llama.tools";
    /** Environment variable: {@code 1} makes a missing binary fail the test instead of skipping it. */
    public static final String REQUIRED_ENV = "LONGHAUL_LLAMA_TOOLS_REQUIRED";

    private final String envVariable;
    private final String fileName;
    private final String description;

    LlamaCppTool(String envVariable, String fileName, String description) {
        this.envVariable = envVariable;
        this.fileName = fileName;
        this.description = description;
    }

    /** @return the environment variable that names this program's binary */
    public String envVariable() {
        return envVariable;
    }

    /**
     * @return the executable: the environment variable's, else the one unpacked from the tools folder; empty when
     *         neither is there
     * @throws IllegalStateException when the environment variable names no executable file
     */
    public Optional<Path> find() {
        return find(System.getenv(envVariable), toolsFolder(), Checkout.root().resolve("target").resolve("llama.cpp"));
    }

    /**
     * @param named     the environment variable's value, or null
     * @param folder    the folder of {@code .gz} binaries, if any
     * @param unpackDir where to unpack
     * @return the executable, if any
     */
    Optional<Path> find(String named, Optional<Path> folder, Path unpackDir) {
        if (named != null && !named.isBlank()) {
            Path binary = Path.of(named);
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                throw new IllegalStateException(envVariable + "=" + named + " is not an executable file");
            }
            return Optional.of(binary);
        }
        return folder.map(f -> f.resolve(fileName + ".gz")).filter(Files::isRegularFile)
                .map(gz -> unpacked(gz, unpackDir.resolve(fileName)));
    }

    /**
     * The executable for a test that needs it; without one, prints one line naming what is missing and skips the
     * test (or fails it when {@value #REQUIRED_ENV}{@code =1}).
     *
     * @return the executable
     */
    public Path require() {
        Optional<Path> binary = find();
        if (binary.isPresent()) {
            return binary.get();
        }
        String missing = "no " + description + ": set " + envVariable + toolsFolder()
                .map(folder -> " or provide " + folder.resolve(fileName + ".gz"))
                .orElse(" (the tools folder is switched off: -D" + TOOLS_PROPERTY + "=none)");
        if ("1".equals(System.getenv(REQUIRED_ENV))) {
            Assertions.fail(missing + " (" + REQUIRED_ENV + "=1)");
        }
        System.err.println("skipped: " + missing);
        Assumptions.abort(missing);
        throw new AssertionError("unreachable");
    }

    /** The folder of {@code .gz} binaries: the system property's, else {@code ../shared/tools/llama.cpp}; none when off. */
    private static Optional<Path> toolsFolder() {
        String chosen = System.getProperty(TOOLS_PROPERTY);
        if ("none".equals(chosen)) {
            return Optional.empty();
        }
        Path folder = chosen != null && !chosen.isBlank() ? Path.of(chosen)
                : Checkout.root().resolveSibling("shared").resolve("tools").resolve("llama.cpp");
        return Optional.of(folder.toAbsolutePath().normalize());
    }

    /** Unpacks {@code gz} to {@code target} unless an executable copy newer than it is there. */
    private Path unpacked(Path gz, Path target) {
        try {
            if (Files.isExecutable(target)
                    && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(gz)) >= 0) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), fileName, ".partial");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Atomic, so that test JVMs unpacking at the same time never run a half-written binary.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + gz + " to " + target + ": " + e.getMessage(), e);
        }
    }
}
