package dev.longhaul.backend.llamacpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.LlamaModel;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;

/**
 * Turns a conversation into the prompt text with the chat template carried in the model file, followed by the
 * assistant's turn opener ({@code <|im_start|>assistant\n} for ChatML).
 *
 * <p>The binding's {@code generate()} ignores {@code InferenceParameters.setMessages} (the prompt came out empty),
 * and {@code setMessages} accepts only one leading system message; so the messages are written as the JSON the
 * native {@code applyTemplate} reads, in order, with any role.
 */
final class PromptFormatter {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Formats a conversation.
     *
     * @param model   the loaded model, whose template applies
     * @param request the conversation
     * @return the prompt text
     */
    String format(LlamaModel model, ChatRequest request) {
        ObjectNode root = json.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        try {
            return model.applyTemplate(json.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
