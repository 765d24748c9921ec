package dev.longhaul.session;

import dev.longhaul.backend.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding history window: the last {@code window} answered turns, i.e. at most {@code 2 × window} messages, as
 * the seed keeps it. A turn the backend failed adds nothing (the seed added its error text as if the model had said
 * it); one whose scorer failed adds its answer, as the conversation went on with it ({@link RunState}).
 *
 * <p>With a slide of {@code s > 1} (not the seed's), a history that outgrows the window drops its oldest {@code s}
 * turns at once and then grows again for {@code s - 1} turns: it holds between {@code window - s + 1} and
 * {@code window} turns, and the prompt's start changes only every {@code s} turns, so a backend that reuses its
 * cached prefix evaluates the whole history once per slide instead of at every turn.
 */
final class ConversationHistory {

    private final int window;
    private final int slide;
    private final List<ChatMessage> messages = new ArrayList<>();

    /**
     * @param window answered turns kept at most
     * @param slide  turns dropped at once when the window is outgrown, at least 1 (1: the seed's sliding window)
     */
    ConversationHistory(int window, int slide) {
        this.window = window;
        this.slide = Math.max(1, Math.min(slide, Math.max(window, 1)));
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
            int keep = Math.max(0, max - 2 * (slide - 1));
            messages.subList(0, messages.size() - keep).clear();
        }
    }

    List<ChatMessage> messages() {
        return List.copyOf(messages);
    }
}
