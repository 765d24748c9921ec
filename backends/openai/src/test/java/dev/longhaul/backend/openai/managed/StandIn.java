package dev.longhaul.backend.openai.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.tools.ToolProvider;

/**
 * The stand-in llama-server of {@code src/test/resources/managed/StandInLlamaServer.java}, compiled once per test run
 * with the JDK's compiler and started through a generated executable wrapper script, as a real binary would be.
 */
final class StandIn {

    private static Path classes;

    private StandIn() {
    }

    /**
     * Writes an executable {@code llama-server} script into {@code dir} that runs the stand-in.
     *
     * @param env environment variables for the stand-in (STANDIN_EXIT_AFTER, STANDIN_NEVER_READY, STANDIN_LOADING_MS)
     */
    static Path binary(Path dir, Map<String, String> env) throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        env.forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
        script.append("exec '").append(Path.of(System.getProperty("java.home"), "bin", "java"))
                .append("' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '").append(compiled())
                .append("' StandInLlamaServer \"$@\"\n");
        Path file = dir.resolve("llama-server");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A model file; the stand-in only names it in its log. */
    static Path model(Path dir) throws IOException {
        return Files.write(dir.resolve("model.gguf"), new byte[] {'G', 'G', 'U', 'F'});
    }

    private static synchronized Path compiled() {
        if (classes == null) {
            try {
                var source = StandIn.class.getResource("/managed/StandInLlamaServer.java");
                assertNotNull(source, "test resource managed/StandInLlamaServer.java");
                Path out = Files.createTempDirectory("standin-llama-server");
                int status = ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", out.toString(), Path.of(source.toURI()).toString());
                assertEquals(0, status, "compiling the stand-in llama-server");
                classes = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }
}
