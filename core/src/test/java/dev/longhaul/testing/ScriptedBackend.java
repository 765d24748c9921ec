package dev.longhaul.testing;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic in-process backend for tests: its answer is a function of the prompt and the turn number (the
 * count of requests it has received), shaped like a coding answer (header, numbered list, code block, echoed
 * prompt words). Turns listed in {@code failTurns} throw; from {@code dropFrom} on the answers lose their code and
 * structure, so their heuristic score drops.
 */
public final class ScriptedBackend implements Backend {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]{4,}");

    private final Set<Integer> failTurns;
    private final int dropFrom;
    private final String kvType;
    private final List<ChatRequest> requests = new ArrayList<>();
    private int turnsBefore;

    /**
     * @param failTurns turns that fail with a server error
     * @param dropFrom  first turn whose answer is degraded (Integer.MAX_VALUE for never)
     * @param kvType    the KV type it claims to apply, or null
     */
    public ScriptedBackend(Set<Integer> failTurns, int dropFrom, String kvType) {
        this.failTurns = Set.copyOf(failTurns);
        this.dropFrom = dropFrom;
        this.kvType = kvType;
    }

    /** @return a backend that always answers well and applies no KV type */
    public static ScriptedBackend healthy() {
        return new ScriptedBackend(Set.of(), Integer.MAX_VALUE, null);
    }

    /**
     * Numbers the next request as turn {@code turnsBefore + 1}, as a backend taking over a resumed run would see it.
     *
     * @param turnsBefore turns answered by an earlier backend
     * @return this backend
     */
    public ScriptedBackend continuingAfter(int turnsBefore) {
        this.turnsBefore = turnsBefore;
        return this;
    }

    /** @return the requests received, in order */
    public List<ChatRequest> requests() {
        return requests;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        requests.add(request);
        int turn = turnsBefore + requests.size();
        String prompt = request.last().content();
        if (failTurns.contains(turn)) {
            throw new BackendException(BackendException.Kind.SERVER_ERROR, "HTTP 500 from scripted backend on turn " + turn);
        }
        String answer = turn >= dropFrom ? degradedAnswer(prompt) : goodAnswer(prompt, turn);
        int tokens = answer.length() / 4;
        int promptTokens = request.messages().stream().mapToInt(m -> m.content().length() / 4).sum();
        return new ChatResponse(answer, "stop",
                new GenerationStats(promptTokens, null, tokens, Duration.ofMillis(100 + turn), Duration.ofMillis(10), 400.0),
                java.util.Map.of());
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo("scripted", "scripted-model", kvType, 4096, java.util.Map.of());
    }

    private static String goodAnswer(String prompt, int turn) {
        StringBuilder words = new StringBuilder();
        Matcher m = WORD.matcher(prompt);
        while (m.find()) {
            words.append(m.group()).append(' ');
        }
        return "## Answer for turn " + turn + "\n\nHere is how to handle: " + words.toString().trim() + ".\n\n"
                + "1. First we define the class.\n2. Then we return the result.\n\n"
                + "```python\nclass Thing:\n    def run(self):\n        for i in range(" + turn + "):\n"
                + "            if i:\n                return i\n```\n";
    }

    private static String degradedAnswer(String prompt) {
        return "I am not sure what you mean. " + prompt.length() + " characters is a lot. "
                + "I am not sure what you mean. " + prompt.length() + " characters is a lot.";
    }
}
