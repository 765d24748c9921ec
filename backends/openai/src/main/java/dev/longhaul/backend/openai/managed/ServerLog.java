package dev.longhaul.backend.openai.managed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a managed server's log file says: its KV cache lines, its last line, whether it failed to bind its port. */
final class ServerLog {

    private final List<String> lines;

    private ServerLog(List<String> lines) {
        this.lines = lines;
    }

    static ServerLog read(Path file) {
        try {
            // Lenient decoding: a crashing server may leave a torn multi-byte character at the end.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return new ServerLog(text.lines().toList());
        } catch (IOException e) {
            return new ServerLog(List.of());
        }
    }

    /** The lines describing the KV cache ({@code llama_kv_cache…}), in log order. */
    List<String> kvLines() {
        return lines.stream().filter(l -> l.contains("llama_kv_cache")).map(String::strip).toList();
    }

    /** The last non-blank line, or a note that there is none. */
    String lastLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "(empty log)";
    }

    /** Whether the server said it could not bind its port (llama-server: "couldn't bind HTTP server socket"). */
    boolean portTaken() {
        return lines.stream().map(l -> l.toLowerCase(Locale.ROOT))
                .anyMatch(l -> l.contains("couldn't bind") || l.contains("address already in use"));
    }
}
