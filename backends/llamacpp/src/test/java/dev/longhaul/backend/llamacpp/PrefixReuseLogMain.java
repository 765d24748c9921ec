package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link PrefixReuseLogTest}: plays the test prompts with llama.cpp's own log on standard error
 * and prints, per turn, the prompt and cached token counts the backend reports.
 */
public final class PrefixReuseLogMain {

    private PrefixReuseLogMain() {
    }

    public static void main(String[] args) throws Exception {
        int maxTokens = Integer.parseInt(args[0]);
        try (Backend backend = Backends.discover().create(TinyModelConfigs.greedy("f16", maxTokens)
                .option(LlamaCppOptions.NATIVE_LOG.name(), "stderr").build())) {
            List<ChatMessage> history = new ArrayList<>();
            for (String prompt : TinyModelConfigs.PROMPTS) {
                history.add(ChatMessage.user(prompt));
                ChatResponse answer = backend.chat(new ChatRequest(history));
                history.add(ChatMessage.assistant(answer.content()));
                System.out.println("turn prompt=" + answer.stats().promptTokens()
                        + " cached=" + answer.stats().cachedPromptTokens() + " finish=" + answer.finishReason());
            }
        }
        System.out.flush();
        System.exit(0);
    }
}
