package dev.longhaul.backend.llamacpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures prefix reuse on the bundled model: plays the first turns of a script with the seed's history window,
 * with {@code prefix_reuse} on and off, and prints the prompt tokens evaluated and the times per turn. A
 * measuring tool for docs/parts/llamacpp.md, not a test.
 *
 * <p>Arguments: script JSON file, turns, history window (turns), and optionally repetitions per setting (1), KV
 * type (f16) and max tokens per answer (512, the backend's default).
 */
public final class PrefixReuseMeasurement {

    private PrefixReuseMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        List<String> prompts = prompts(Path.of(args[0]));
        int turns = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String kvType = args.length > 4 ? args[4] : "f16";
        int maxTokens = args.length > 5 ? Integer.parseInt(args[5]) : LlamaCppSettings.DEFAULT_MAX_TOKENS;
        for (boolean reuse : new boolean[] {true, false}) {
            List<List<String>> runs = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                runs.add(play(prompts, turns, window, reuse, kvType, maxTokens, r == 0));
            }
            for (int r = 1; r < repetitions; r++) {
                System.out.printf("prefix_reuse=%s run %d: %d of %d answers identical to run 1%n", reuse, r + 1,
                        identical(runs.get(0), runs.get(r)), turns);
            }
        }
        System.exit(0);
    }

    private static List<String> play(List<String> prompts, int turns, int window, boolean reuse, String kvType,
                                     int maxTokens, boolean print) throws BackendException {
        List<String> answers = new ArrayList<>();
        long evaluated = 0;
        long promptTotal = 0;
        double ttftTotal = 0;
        double elapsedTotal = 0;
        if (print) {
            System.out.printf("%nprefix_reuse=%s, KV %s, %d turns, window %d, max tokens %d%n", reuse, kvType, turns,
                    window, maxTokens);
            System.out.println("turn | prompt tokens | cached | evaluated | TTFT ms | elapsed ms | finish");
        }
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy(kvType, maxTokens)
                .option(LlamaCppOptions.PREFIX_REUSE.name(), Boolean.toString(reuse)).build())) {
            List<ChatMessage> history = new ArrayList<>();
            for (int t = 0; t < turns; t++) {
                String prompt = prompts.get(t % prompts.size());
                List<ChatMessage> request = new ArrayList<>(history);
                request.add(ChatMessage.user(prompt));
                String answer;
                try {
                    ChatResponse r = backend.chat(new ChatRequest(request));
                    answer = r.content();
                    int cached = r.stats().cachedPromptTokens();
                    evaluated += r.stats().promptTokens() - cached;
                    promptTotal += r.stats().promptTokens();
                    double ttft = r.stats().timeToFirstToken().toNanos() / 1e6;
                    double elapsed = r.stats().elapsed().toNanos() / 1e6;
                    ttftTotal += ttft;
                    elapsedTotal += elapsed;
                    if (print) {
                        System.out.printf("%4d | %13d | %6d | %9d | %7.1f | %10.1f | %s%n", t + 1,
                                r.stats().promptTokens(), cached, r.stats().promptTokens() - cached, ttft, elapsed,
                                r.finishReason());
                    }
                } catch (BackendException e) {
                    answer = "[ERROR: " + e.getMessage() + "]";
                    if (print) {
                        System.out.printf("%4d | %s%n", t + 1, e.getMessage());
                    }
                }
                answers.add(answer);
                history.add(ChatMessage.user(prompt));
                history.add(ChatMessage.assistant(answer));
                while (history.size() > window * 2) {
                    history.remove(0);
                }
            }
        }
        if (print) {
            System.out.printf("total | %13d | %6d | %9d | %7.1f | %10.1f |%n", promptTotal, promptTotal - evaluated,
                    evaluated, ttftTotal, elapsedTotal);
        }
        return answers;
    }

    private static int identical(List<String> a, List<String> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        return same;
    }

    private static List<String> prompts(Path script) throws Exception {
        JsonNode root = new ObjectMapper().readTree(script.toFile());
        List<String> prompts = new ArrayList<>();
        for (JsonNode phase : root.path("phases")) {
            for (JsonNode turn : phase.path("turns")) {
                prompts.add(turn.asText());
            }
        }
        return prompts;
    }
}
