package dev.longhaul.backend.ollama;

import dev.longhaul.backend.http.HttpOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OllamaChatRequestWriterTest {

    private static final String MODEL = "qwen2.5-coder:7b";

    @Test
    void aSingleTurnSendsOnlyTheWindowAsOption() throws Exception {
        Fixture nonStreamed = Fixture.load("01-chat-nonstream");
        BackendConfig config = BackendConfig.builder("ollama").model(MODEL).option(HttpOptions.STREAM, false).build();

        JsonNode body = write(config, requestOf(nonStreamed));

        assertEquals(nonStreamed.requestBody(), body);
        assertEquals(List.of("num_ctx"), fieldNames(body.get("options")));
    }

    @Test
    void streamingIsTheDefaultAndIsSentExplicitly() throws Exception {
        Fixture streamed = Fixture.load("02-chat-stream");

        JsonNode body = write(BackendConfig.builder("ollama").model(MODEL).build(), requestOf(streamed));

        assertEquals(streamed.requestBody(), body);
        assertEquals(true, body.get("stream").booleanValue());
    }

    @Test
    void historyKeepsOrderAndRolesAndEverySetOptionIsSent() throws Exception {
        Fixture history = Fixture.load("03-chat-history-options");
        BackendConfig config = BackendConfig.builder("ollama").model(MODEL).contextSize(16384).temperature(0.7)
                .seed(42L).maxTokens(2048).build();

        JsonNode body = write(config, requestOf(history));

        assertEquals(history.requestBody(), body);
        assertEquals(List.of("model", "messages", "stream", "options"), fieldNames(body));
        assertEquals(List.of("num_ctx", "temperature", "seed", "num_predict"), fieldNames(body.get("options")));
    }

    /** The ChatRequest whose messages a fixture's request body holds. */
    static ChatRequest requestOf(Fixture fixture) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : fixture.requestBody().get("messages")) {
            ChatMessage.Role role = ChatMessage.Role.valueOf(m.get("role").asText().toUpperCase(java.util.Locale.ROOT));
            messages.add(new ChatMessage(role, m.get("content").asText()));
        }
        return new ChatRequest(messages);
    }

    private static JsonNode write(BackendConfig config, ChatRequest request) throws BackendException, IOException {
        // Through text, as the transport sends it.
        String body = Fixture.JSON.writeValueAsString(
                new OllamaChatRequestWriter(Fixture.JSON, OllamaSettings.from(config)).write(request));
        return Fixture.JSON.readTree(body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
