package dev.longhaul.samples.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does: put the backend's jar beside the command line's jars. The {@code longhaul} command runs in a JVM
 * of its own on the command line's class path (this test's, without this module's classes) plus a jar made of this
 * module's compiled classes and its {@code META-INF/services} file.
 */
class ReplayPluginJarTest {

    @TempDir
    Path dir;

    @Test
    void withTheJarOnTheClassPathTheCommandLineListsAndRunsTheBackendWithoutItDoesNot() throws Exception {
        Path plugin = pluginJar(dir.resolve("replay-backend.jar"));
        Path recording = Recordings.seedTurns(dir.resolve("recorded.jsonl"), 2);
        String cli = cliClassPath();

        Run listed = longhaul(cli + File.pathSeparator + plugin, "backends");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(ReplayProvider.class.getName()), listed.out());

        Run replayed = longhaul(cli + File.pathSeparator + plugin, "run", "--backend", "replay", "--backend-option",
                "file=" + recording, "--turns", "2", "--delay", "0", "--quiet", "-o", dir.resolve("r.json").toString());
        assertEquals(0, replayed.code(), replayed.err());
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"backend\": \"replay\""));

        Run without = longhaul(cli, "backends");
        assertFalse(without.out().contains("replay"), without.out());
        Run unknown = longhaul(cli, "run", "--backend", "replay", "--turns", "1", "-o", dir.resolve("u.json").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("longhaul: unknown backend 'replay'; available: "), unknown.err());
    }

    record Run(int code, String out, String err) {
    }

    private Run longhaul(String classPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.longhaul.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("longhaul " + String.join(" ", args) + " did not exit within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** This test JVM's class path without this module's own classes: the command line and its dependencies. */
    private static String cliClassPath() {
        Path classes = ownClasses();
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(classes.getParent()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code target/classes} of this module. */
    private static Path ownClasses() {
        try {
            return Path.of(ReplayProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Packs {@code target/classes} (the provider classes and the services file) as a jar. */
    private static Path pluginJar(Path jar) throws IOException {
        Path classes = ownClasses();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
