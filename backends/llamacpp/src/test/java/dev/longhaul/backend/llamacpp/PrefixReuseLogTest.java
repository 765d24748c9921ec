package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the prompt and cached token counts the backend reports against llama.cpp's own log of the same turns
 * ({@code new prompt, ..., n_prompt_tokens = N} and {@code kv cache rm [P, end)}, where P is the number of
 * prompt tokens kept in the cache). The log only reaches standard error, so the turns run in a child JVM.
 * Answers cut off at the token limit (8 tokens) and answers that end on their own (up to 400 tokens) are both
 * covered, since the two leave different tokens in llama.cpp's cache.
 */
class PrefixReuseLogTest {

    private static final Pattern NEW_PROMPT = Pattern.compile("new prompt, .*n_prompt_tokens = (\\d+)");
    private static final Pattern KV_RM = Pattern.compile("kv cache rm \\[(\\d+), end\\)");
    private static final Pattern OURS = Pattern.compile("turn prompt=(\\d+) cached=(\\d+) finish=(\\w+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8, 400})
    void reportedCountsAreWhatLlamaCppDid(int maxTokens) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PrefixReuseLogMain.class.getName(),
                Integer.toString(maxTokens))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
        assertEquals(0, p.exitValue(), Files.readString(err));

        List<Integer> ourPrompt = new ArrayList<>();
        List<Integer> ourCached = new ArrayList<>();
        List<String> finish = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            Matcher m = OURS.matcher(line);
            if (m.find()) {
                ourPrompt.add(Integer.valueOf(m.group(1)));
                ourCached.add(Integer.valueOf(m.group(2)));
                finish.add(m.group(3));
            }
        }
        List<Integer> llamaPrompt = new ArrayList<>();
        List<Integer> llamaCached = new ArrayList<>();
        for (String line : Files.readAllLines(err)) {
            Matcher m = NEW_PROMPT.matcher(line);
            if (m.find()) {
                llamaPrompt.add(Integer.valueOf(m.group(1)));
            }
            m = KV_RM.matcher(line);
            if (m.find()) {
                llamaCached.add(Integer.valueOf(m.group(1)));
            }
        }
        assertEquals(TinyModelConfigs.PROMPTS.size(), ourPrompt.size());
        assertEquals(llamaPrompt, ourPrompt);
        assertEquals(llamaCached, ourCached);
        assertTrue(ourCached.get(2) > ourCached.get(1) && ourCached.get(1) > 0, ourCached.toString());
        assertTrue(finish.contains(maxTokens == 8 ? "length" : "stop"), finish.toString());
    }
}
