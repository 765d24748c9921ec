package dev.longhaul.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests find a real llama.cpp binary: the environment variable, else the tools folder's {@code .gz}. */
class LlamaCppToolTest {

    @TempDir
    Path dir;

    @Test
    void unpacksTheGzOnceAndReusesTheCopyUntilTheGzIsNewer() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tools"));
        Path gz = gzip(folder.resolve("upstream-llama-server.gz"), "#!/bin/sh\necho first\n");
        Path unpackDir = dir.resolve("target/llama.cpp");

        Path binary = LlamaCppTool.UPSTREAM_SERVER.find(null, Optional.of(folder), unpackDir).orElseThrow();
        assertEquals(unpackDir.resolve("upstream-llama-server"), binary);
        assertTrue(Files.isExecutable(binary));
        assertEquals("#!/bin/sh\necho first\n", Files.readString(binary));

        FileTime unpackedAt = Files.getLastModifiedTime(binary);
        gzip(gz, "#!/bin/sh\necho second\n");
        Files.setLastModifiedTime(gz, FileTime.fromMillis(unpackedAt.toMillis() - 60_000));
        LlamaCppTool.UPSTREAM_SERVER.find(null, Optional.of(folder), unpackDir);
        assertEquals("#!/bin/sh\necho first\n", Files.readString(binary), "an unpacked copy newer than the .gz is kept");

        Files.setLastModifiedTime(gz, FileTime.fromMillis(unpackedAt.toMillis() + 60_000));
        LlamaCppTool.UPSTREAM_SERVER.find(null, Optional.of(folder), unpackDir);
        assertEquals("#!/bin/sh\necho second\n", Files.readString(binary), "a newer .gz is unpacked again");
        try (var files = Files.list(unpackDir)) {
            assertEquals(1, files.count(), "no partial files left behind");
        }
    }

    @Test
    void theEnvironmentVariableWinsAndMustNameAnExecutable() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tools"));
        gzip(folder.resolve("turbo-llama-server.gz"), "#!/bin/sh\n");
        Path own = Files.writeString(dir.resolve("my-server"), "#!/bin/sh\n");
        own.toFile().setExecutable(true);

        assertEquals(Optional.of(own), LlamaCppTool.TURBO_SERVER.find(own.toString(), Optional.of(folder), dir));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LlamaCppTool.TURBO_SERVER.find(dir.resolve("nope").toString(), Optional.of(folder), dir));
        assertEquals("LLAMA_SERVER_TURBO=" + dir.resolve("nope") + " is not an executable file", e.getMessage());
    }

    @Test
    void nothingWithoutTheVariableOrTheGz() {
        assertEquals(Optional.empty(), LlamaCppTool.PERPLEXITY.find("", Optional.of(dir), dir));
        assertEquals(Optional.empty(), LlamaCppTool.PERPLEXITY.find(null, Optional.empty(), dir));
    }

    private static Path gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return file;
    }
}
