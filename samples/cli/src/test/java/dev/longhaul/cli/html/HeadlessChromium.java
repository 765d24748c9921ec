package dev.longhaul.cli.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} run headless on a local file: the DOM after the page's scripts ran, or a screenshot.
 * Each call starts a fresh browser with its own empty profile, no network services, and a time limit after which
 * the process is destroyed.
 */
final class HeadlessChromium {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final long TIME_LIMIT_SECONDS = 90;

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /**
     * @param work a directory for profiles and output
     * @return the browser ({@code -Dlonghaul.chromium=PATH} names another binary), or empty when none is installed
     */
    static Optional<HeadlessChromium> find(Path work) {
        String chosen = System.getProperty("longhaul.chromium");
        List<Path> candidates = chosen != null ? List.of(Path.of(chosen)) : CANDIDATES;
        return candidates.stream().filter(Files::isExecutable).findFirst().map(binary -> new HeadlessChromium(binary, work));
    }

    /** @return the serialized DOM of the page after it loaded and its scripts (if any) ran */
    String dumpDom(Path page) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "dom", ".html");
        run(page, out, "--dump-dom");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page's first {@code width × height} pixels. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(page, Files.createTempFile(work, "stdout", ".txt"), "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars");
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private void run(Path page, Path stdout, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(action));
        command.add(page.toAbsolutePath().toUri().toString());
        Path log = Files.createTempFile(work, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        try {
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("chromium did not finish within " + TIME_LIMIT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited with " + process.exitValue() + ": " + tail(log));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a helper process may still be removing its own files; the temp directory is the test's anyway
        }
    }
}
