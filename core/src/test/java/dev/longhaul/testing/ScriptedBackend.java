package dev.longhaul.testing;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic in-process backend for tests: its answer is a function of the prompt and the turn number (the
 * count of requests it has received), shaped like a coding answer (header, numbered list, code block, echoed
 * prompt words). Turns listed in {@code failTurns} throw; from {@code dropFrom} on the answers lose their code and
 * structure, so their heuristic score drops.
 *
 * <p>Two optional behaviours stand in for a model's context: {@link #recalling(Map)} answers recall questions from
 * the facts it can see in the messages it was sent, and {@link #withContextSize(int, boolean)} sets the window
 * it reports and, like Ollama, can silently drop the oldest messages of a prompt that does not fit. A prompt's
 * size in tokens is its characters over 4.
 */
public final class ScriptedBackend implements Backend {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_]{4,}");

    private final Set<Integer> failTurns;
    private final int dropFrom;
    private final String kvType;
    private final List<ChatRequest> requests = new ArrayList<>();
    private int turnsBefore;
    private Map<String, String> recall = Map.of();
    private Integer contextSize = 4096;
    private Integer trainedContextSize;
    private boolean dropsOldestMessages;
    private Long variation;

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
     * Makes answers depend on a seed, as a sampling model's do: each turn's answer repeats one closing sentence
     * 2–4 times, as chosen by the seed and the turn, so runs with different seeds score a little differently (the
     * repetition ratio).
     *
     * @param seed the run's seed
     * @return this backend
     */
    public ScriptedBackend varyingBy(long seed) {
        this.variation = seed;
        return this;
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

    /**
     * Answers recall questions: when a prompt contains one of the cues, the answer names the cue's fact if the fact
     * occurs in the messages it can see before the prompt, and says it does not remember otherwise.
     *
     * @param cueToFact a fact for each question cue (a piece of the question's text)
     * @return this backend
     */
    public ScriptedBackend recalling(Map<String, String> cueToFact) {
        this.recall = Map.copyOf(cueToFact);
        return this;
    }

    /**
     * @param tokens              the context size it reports
     * @param dropsOldestMessages whether a prompt over the size loses its oldest messages until it fits (the
     *                            prompt token count it reports is then that of what is left), as Ollama does
     * @return this backend
     */
    public ScriptedBackend withContextSize(int tokens, boolean dropsOldestMessages) {
        this.contextSize = tokens;
        this.dropsOldestMessages = dropsOldestMessages;
        return this;
    }

    /**
     * @param tokens the trained context length it reports for its model (it still answers past it, as the
     *               TurboQuant fork's llama-server does)
     * @return this backend
     */
    public ScriptedBackend withTrainedContextSize(int tokens) {
        this.trainedContextSize = tokens;
        return this;
    }

    /**
     * @return this backend, reporting no context size in its info (as a server without such an API)
     */
    public ScriptedBackend withoutKnownContextSize() {
        this.contextSize = null;
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
        List<ChatMessage> visible = visible(request.messages());
        String recalled = recall(prompt, visible);
        String answer = recalled != null ? recalled : (turn >= dropFrom ? degradedAnswer(prompt) : goodAnswer(prompt, turn)) + extraItems(turn);
        int tokens = answer.length() / 4;
        int promptTokens = tokens(visible);
        return new ChatResponse(answer, "stop",
                new GenerationStats(promptTokens, null, tokens, Duration.ofMillis(100 + turn), Duration.ofMillis(10), 400.0),
                java.util.Map.of());
    }

    @Override
    public BackendInfo info() {
        return new BackendInfo("scripted", "scripted-model", kvType, contextSize, trainedContextSize,
                java.util.Map.of());
    }

    private List<ChatMessage> visible(List<ChatMessage> sent) {
        List<ChatMessage> visible = new ArrayList<>(sent);
        while (dropsOldestMessages && contextSize != null && visible.size() > 1 && tokens(visible) > contextSize) {
            visible.remove(0);
        }
        return visible;
    }

    private static int tokens(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> m.content().length() / 4).sum();
    }

    private String recall(String prompt, List<ChatMessage> visible) {
        for (Map.Entry<String, String> cue : recall.entrySet()) {
            if (prompt.contains(cue.getKey())) {
                boolean seen = visible.subList(0, visible.size() - 1).stream()
                        .anyMatch(m -> m.content().contains(cue.getValue()));
                return seen ? "We agreed on " + cue.getValue() + "." : "I do not remember that.";
            }
        }
        return null;
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

    private String extraItems(int turn) {
        if (variation == null) {
            return "";
        }
        int items = 2 + (int) Math.floorMod(new java.util.Random(variation * 1_000_003L + turn).nextLong(), 3L);
        StringBuilder extra = new StringBuilder("\nDone.");
        for (int i = 0; i < items; i++) {
            extra.append(" We check the result again.");
        }
        return extra.toString();
    }

    private static String degradedAnswer(String prompt) {
        return "I am not sure what you mean. " + prompt.length() + " characters is a lot. "
                + "I am not sure what you mean. " + prompt.length() + " characters is a lot.";
    }
}
