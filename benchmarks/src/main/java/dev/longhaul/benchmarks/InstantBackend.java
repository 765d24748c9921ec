package dev.longhaul.benchmarks;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import java.time.Duration;
import java.util.List;

/**
 * An in-process backend that answers at once, cycling through given answers, so that a session's time is the
 * engine's own. Each answer is handed out as a fresh copy (as a real backend decodes a new string per turn), so
 * that what a session retains is its own and not shared with this backend.
 */
final class InstantBackend implements Backend {

    private final List<String> answers;
    private int next;

    InstantBackend(List<String> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("answers must not be empty");
        }
        this.answers = List.copyOf(answers);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String answer = new String(answers.get(next++ % answers.size()).toCharArray());
        int promptChars = 0;
        for (var message : request.messages()) {
            promptChars += message.content().length();
        }
        // Token counts of the order a real tokenizer gives (about four chars a token), so the report has them.
        GenerationStats stats = new GenerationStats(promptChars / 4, 0, answer.length() / 4, Duration.ZERO, null, null);
        return ChatResponse.of(answer, "stop", stats);
    }

    @Override
    public BackendInfo info() {
        return BackendInfo.basic("instant", "instant");
    }
}
