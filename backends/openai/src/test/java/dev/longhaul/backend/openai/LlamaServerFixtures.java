package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.http.replay.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The llama-server recordings under {@code src/test/resources/fixtures/llama-server}. */
final class LlamaServerFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaServerFixtures() {
    }

    static Recording recording(String name) {
        return Recording.fromClasspath("/fixtures/llama-server/" + name);
    }

    /** The recorded request's body as JSON. */
    static JsonNode requestJson(String name) {
        return parse(recording(name).requestBodyText().orElseThrow());
    }

    /** The recorded request's conversation. */
    static ChatRequest conversation(String name) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : requestJson(name).path("messages")) {
            ChatMessage.Role role = ChatMessage.Role.valueOf(m.path("role").asText().toUpperCase(java.util.Locale.ROOT));
            messages.add(new ChatMessage(role, m.path("content").asText()));
        }
        return new ChatRequest(messages);
    }

    /** The body of a recorded non-streamed response (after the header block) as JSON. */
    static JsonNode responseJson(String name) {
        byte[] raw = recording(name).responseRaw();
        String text = new String(raw, StandardCharsets.UTF_8);
        return parse(text.substring(text.indexOf("\r\n\r\n") + 4));
    }

    static String resource(String path) {
        try (var in = LlamaServerFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
