package dev.longhaul.samples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding", "Writing a backend" and "Writing a scorer" sections show the samples' real code: every
 * Java snippet there is a region of a sample's source marked {@code // tag::NAME[]} … {@code // end::NAME[]}
 * (compiled and tested with its sample), and every marked region is shown, so code and README cannot drift apart.
 */
class ReadmeSnippetsTest {

    static final List<String> SECTIONS = List.of("Embedding", "Writing a backend", "Writing a scorer");
    static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");
    static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```\\s*$");

    final Path samples = moduleDir().getParent();
    final Path readme = samples.getParent().resolve("README.md");

    @Test
    void everyJavaSnippetOfTheSectionsIsAMarkedRegionOfASampleAndEveryRegionIsShown() throws IOException {
        Map<String, String> regions = regions();
        assertTrue(regions.size() >= 5, "marked regions found: " + regions.keySet());
        List<String> snippets = new ArrayList<>();
        for (String section : SECTIONS) {
            List<String> java = fencedBlocks(section(section), "java");
            assertFalse(java.isEmpty(), "README section '" + section + "' shows no Java code");
            snippets.addAll(java);
        }
        for (String snippet : snippets) {
            assertTrue(regions.containsValue(snippet), "this README snippet is no marked region of a sample:\n" + snippet);
        }
        regions.forEach((name, code) -> assertTrue(snippets.contains(code),
                "region '" + name + "' is not shown verbatim in the README; it should read:\n" + code));
    }

    @Test
    void theBackendSectionShowsTheServicesFileAsTheSampleHasIt() throws IOException {
        Path services = samples.resolve("custom-backend/src/main/resources/META-INF/services/"
                + "dev.longhaul.backend.BackendProvider");
        String provider = Files.readString(services).strip();
        assertTrue(section("Writing a backend").contains(provider), "the README names " + provider);
    }

    /** {@code tag::NAME[]} regions of the samples' main and test sources, common indentation removed. */
    Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(samples)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/")).sorted().toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher tag = TAG.matcher(lines.get(i));
                if (!tag.matches()) {
                    continue;
                }
                String name = tag.group(1);
                int end = lines.subList(i, lines.size()).indexOf(lines.get(i).replace("tag::", "end::")) + i;
                assertTrue(end > i, source + ": tag::" + name + "[] has no end::" + name + "[] at the same indentation");
                String previous = regions.put(name, dedent(lines.subList(i + 1, end)));
                assertEquals(null, previous, "region '" + name + "' is marked twice");
            }
        }
        return regions;
    }

    /** The text of the README section whose {@code ## } heading starts with the title, up to the next heading. */
    String section(String title) throws IOException {
        String text = Files.readString(readme);
        Matcher heading = Pattern.compile("(?m)^## " + Pattern.quote(title) + "\\b.*$").matcher(text);
        assertTrue(heading.find(), "README.md has no section '## " + title + "'");
        Matcher next = Pattern.compile("(?m)^## ").matcher(text);
        int end = next.find(heading.end()) ? next.start() : text.length();
        return text.substring(heading.end(), end);
    }

    static List<String> fencedBlocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    /** The module directory: Maven's {@code basedir}, else the working directory (where Maven runs the tests). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
