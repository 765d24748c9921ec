package dev.longhaul.experiment;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic backend with injected sampling noise: its answer to turn t (the t-th request) is a coding answer
 * whose list, echoed prompt words and code length are drawn from a generator seeded by (noise seed, t), so two noise
 * seeds answer like two samples of one model and the heuristic score varies by some hundredths. From {@code dropFrom}
 * on the answers lose code and structure (a planted drop); turns in {@code failTurns} fail.
 */
final class NoisyBackend implements Backend {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]{4,}");

    private final long noiseSeed;
    private final int dropFrom;
    private final Set<Integer> failTurns;
    private final List<ChatRequest> requests = new ArrayList<>();
    private boolean closed;

    NoisyBackend(long noiseSeed, int dropFrom, Set<Integer> failTurns) {
        this.noiseSeed = noiseSeed;
        this.dropFrom = dropFrom;
        this.failTurns = failTurns;
    }

    NoisyBackend(long noiseSeed) {
        this(noiseSeed, Integer.MAX_VALUE, Set.of());
    }

    List<ChatRequest> requests() {
        return requests;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        requests.add(request);
        int turn = requests.size();
        if (failTurns.contains(turn)) {
            throw new BackendException(BackendException.Kind.SERVER_ERROR, "HTTP 500 on turn " + turn);
        }
        String prompt = request.last().content();
        String answer = turn >= dropFrom ? "I am not sure. I am not sure. " + prompt.length() + " I am not sure."
                : answer(prompt, new Random(noiseSeed * 1_000_003L + turn));
        return new ChatResponse(answer, "stop", GenerationStats.elapsedOnly(Duration.ofMillis(5)), Map.of());
    }

    private static String answer(String prompt, Random noise) {
        StringBuilder words = new StringBuilder();
        Matcher m = WORD.matcher(prompt);
        while (m.find()) {
            if (noise.nextDouble() < 0.5) {
                words.append(m.group()).append(' ');
            }
        }
        StringBuilder text = new StringBuilder("## Answer\n\nAbout: ").append(words.toString().trim()).append(".\n\n");
        if (noise.nextBoolean()) {
            text.append("1. Define the class.\n2. Return the result.\n\n");
        } else {
            text.append("Define the class, then return the result as usual in this kind of code.\n\n");
        }
        text.append("```python\nclass Thing:\n");
        int lines = 1 + noise.nextInt(4);
        for (int i = 0; i < lines; i++) {
            text.append("    def step").append(i).append("(self):\n        return ").append(i).append('\n');
        }
        return text.append("```\n").toString();
    }

    @Override
    public BackendInfo info() {
        return BackendInfo.basic("noisy", "noisy-model");
    }

    @Override
    public void close() {
        closed = true;
    }
}
