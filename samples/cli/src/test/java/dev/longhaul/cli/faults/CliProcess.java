package dev.longhaul.cli.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@code longhaul} command in a JVM of its own, on this test JVM's class path, working in {@code dir}, with its
 * output in files there.
 *
 * @param process the running JVM
 * @param stdout  where its standard output goes
 * @param stderr  where its standard error (the slf4j-simple log) goes
 */
record CliProcess(Process process, Path stdout, Path stderr) {

    static CliProcess start(Path dir, Map<String, String> environment, List<String> jvmOptions, List<String> args)
            throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.longhaul.cli.Main");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(environment);
        return new CliProcess(builder.start(), dir.resolve("stdout.txt"), dir.resolve("stderr.txt"));
    }

    /** Waits until the condition holds; fails, killing the process, if it exits first or 20 s pass. */
    void awaitWhileRunning(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("the CLI exited with " + process.exitValue() + " before " + what + "; stderr:\n" + stderrText());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("no " + what + " within 20 s; stderr:\n" + stderrText());
            }
            Thread.sleep(10);
        }
    }

    /** @return the exit code, waiting at most 20 s (then the process is killed and the test fails) */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the CLI did not exit within 20 s; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    String stdoutText() {
        return read(stdout);
    }

    String stderrText() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
