package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BundledArchitectures} is what the bundled native library says: a child JVM ({@link ArchitectureSurveyMain})
 * asks llama.cpp build 4916 to load a constructed GGUF header (no tensors, no hyperparameters) per candidate name.
 * llama.cpp first looks the architecture up — "unknown model architecture: 'NAME'" when it has none — and only
 * then reads the hyperparameters, failing on the missing "NAME.context_length" when it knows the name. The
 * candidates are current upstream's names (test resource) and the names in the library's own table.
 */
class BundledArchitecturesTest {

    private static final Pattern UNKNOWN = Pattern.compile("unknown model architecture: '([^']+)'");
    private static final Pattern KNOWN = Pattern.compile("key not found in model: (\\S+)\\.context_length");

    @TempDir
    Path dir;

    @Test
    void exactlyTheListedArchitecturesAreKnownToTheBundledLibrary() throws Exception {
        SortedSet<String> candidates = new TreeSet<>(upstreamNames());
        candidates.addAll(namesInLibraryTable());
        List<String> files = new ArrayList<>();
        for (String name : candidates) {
            files.add(GgufTestFiles.withoutTensors(dir.resolve(name + ".gguf"), Map.of("general.architecture", name))
                    .toString());
        }
        String log = survey(files);

        SortedSet<String> unknown = matches(UNKNOWN, log);
        SortedSet<String> known = matches(KNOWN, log);
        SortedSet<String> unanswered = new TreeSet<>(candidates);
        unanswered.removeAll(unknown);
        unanswered.removeAll(known);
        assertEquals(new TreeSet<>(), unanswered, "candidates llama.cpp neither refused nor looked up");
        assertEquals(BundledArchitectures.all(), known);
        assertTrue(unknown.containsAll(List.of("qwen3", "qwen3moe", "llama4", "gemma3n", "gpt-oss", "glm4", "qwen35",
                "qwen35moe")), unknown.toString());
    }

    private String survey(List<String> files) throws IOException, InterruptedException, BackendException {
        NativeBinding.load();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-D" + ResourceExtractor.CACHE_DIR_PROPERTY + "=" + ResourceExtractor.cacheDirectory()));
        NativeBinding.libraryDirectory().ifPresent(d -> command.add("-D" + NativeBinding.LIB_PATH_PROPERTY + "=" + d));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArchitectureSurveyMain.class.getName()));
        command.addAll(files);
        Path output = dir.resolve("survey.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the survey took longer than 120 s");
        assertEquals(0, child.exitValue(), Files.readString(output));
        return Files.readString(output);
    }

    private static SortedSet<String> matches(Pattern pattern, String log) {
        SortedSet<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(log);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> upstreamNames() throws IOException {
        try (InputStream in = BundledArchitecturesTest.class.getResourceAsStream("/architectures/upstream-names.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip).toList();
        }
    }

    /**
     * The NUL-terminated strings of the library's architecture name table, from "llama" to "(unknown)" (names the
     * linker merged into the tail of a longer one are not separate strings, hence also the upstream list); none when
     * the table is not laid out that way.
     */
    private static List<String> namesInLibraryTable() throws IOException, BackendException {
        NativeBinding.load();
        Path library = Path.of(NativeBinding.libraryDirectory().orElseThrow(), System.mapLibraryName("jllama"));
        byte[] bytes = Files.readAllBytes(library);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\0llama\0deci\0");
        int end = text.indexOf("\0(unknown)\0", start);
        // Found in the Linux x86-64 library; another platform's linker may lay the strings out differently.
        return start >= 0 && end > start ? List.of(text.substring(start + 1, end).split("\0")) : List.of();
    }
}
