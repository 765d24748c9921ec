package dev.longhaul.session;

import dev.longhaul.backend.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding history window: the last {@code window} answered turns, i.e. at most {@code 2 × window} messages, as
 * the seed keeps it. A failed turn adds nothing (the seed added its error text as if the model had said it).
 */
final class ConversationHistory {

    private final int window;
    private final List<ChatMessage> messages = new ArrayList<>();

    ConversationHistory(int window) {
        this.window = window;
    }

    /** The messages to send for a new prompt: the window followed by the prompt. */
    List<ChatMessage> withPrompt(String prompt) {
        List<ChatMessage> request = new ArrayList<>(messages.size() + 1);
        request.addAll(messages);
        request.add(ChatMessage.user(prompt));
        return request;
    }

    void addAnsweredTurn(String prompt, String response) {
        messages.add(ChatMessage.user(prompt));
        messages.add(ChatMessage.assistant(response));
        // Unlike the seed (whose history[-0:] keeps everything), a window of 0 keeps no history.
        int max = window * 2;
        if (messages.size() > max) {
            messages.subList(0, messages.size() - max).clear();
        }
    }

    List<ChatMessage> messages() {
        return List.copyOf(messages);
    }
}
