package dev.longhaul.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars, after {@code package}: the shaded command line prints its version from its manifest, and every
 * longhaul library jar names its module ({@code Automatic-Module-Name}) and its version.
 */
class ShadedJarIT {

    private static final String VERSION = System.getProperty("longhaul.version");
    private static final Path SHADED = Path.of(System.getProperty("longhaul.shadedJar", "target/longhaul.jar"));

    @Test
    void theShadedJarPrintsItsVersion() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", SHADED.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("longhaul " + VERSION, out.strip());
        assertEquals("dev.longhaul.cli", manifest(SHADED).getValue("Automatic-Module-Name"));
    }

    @Test
    void everyLibraryJarNamesItsModuleAndVersion() throws IOException {
        Map<String, String> names = new TreeMap<>();
        List<String> unversioned = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String file = jar.getFileName().toString();
            if (file.startsWith("longhaul-") && file.endsWith(".jar") && !file.endsWith("-tests.jar")
                    && Files.isRegularFile(jar)) {
                Attributes main = manifest(jar);
                names.put(file.replace("-" + VERSION + ".jar", ""), main.getValue("Automatic-Module-Name"));
                if (!VERSION.equals(main.getValue("Implementation-Version"))) {
                    unversioned.add(file);
                }
            }
        }
        Map<String, String> expected = Map.of(
                "longhaul-backend-http", "dev.longhaul.backend.http",
                "longhaul-backend-llamacpp", "dev.longhaul.backend.llamacpp",
                "longhaul-backend-ollama", "dev.longhaul.backend.ollama",
                "longhaul-backend-openai", "dev.longhaul.backend.openai",
                "longhaul-core", "dev.longhaul.core",
                "longhaul-experiment", "dev.longhaul.experiment",
                "longhaul-render", "dev.longhaul.render",
                "longhaul-scoring", "dev.longhaul.scoring");
        expected.forEach((jar, module) -> assertEquals(module, names.get(jar), jar + " on " + names));
        names.forEach((jar, module) -> assertTrue(module != null && module.startsWith("dev.longhaul."),
                jar + " names no longhaul module: " + module));
        assertTrue(unversioned.isEmpty(), "no Implementation-Version " + VERSION + ": " + unversioned);
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        }
    }
}
