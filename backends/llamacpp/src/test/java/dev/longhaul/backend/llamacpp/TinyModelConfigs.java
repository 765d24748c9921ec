package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.llamacpp.LlamaCppOptions;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.ChatMessage;
import java.util.List;

/** Configs and prompts for quick real inference on the bundled model. */
final class TinyModelConfigs {

    /** Three turns of a coding conversation, the kind the model was trained on. */
    static final List<String> PROMPTS = List.of(
            "Write a Python class called TokenBucket with add_tokens(n) and consume(n) -> bool.",
            "Add thread-safety to the TokenBucket class using a lock.",
            "Now write unit tests for TokenBucket.");

    private TinyModelConfigs() {
    }

    /** Greedy, short answers, two threads, no KV probe (tests that need it switch it on). */
    static BackendConfig.Builder greedy(String kvType, int maxTokens) {
        return BackendConfig.builder(LlamaCppProvider.NAME)
                .kvType(kvType)
                .temperature(0.0)
                .maxTokens(maxTokens)
                .option(LlamaCppOptions.THREADS, 2)
                .option(LlamaCppOptions.KV_LOG.name(), "off");
    }

    static List<ChatMessage> firstTurn() {
        return List.of(ChatMessage.user(PROMPTS.get(0)));
    }
}
