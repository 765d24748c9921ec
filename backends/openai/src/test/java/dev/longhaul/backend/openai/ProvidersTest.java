package dev.longhaul.backend.openai;

import static dev.longhaul.backend.openai.LlamaServerFixtures.conversation;
import static dev.longhaul.backend.openai.LlamaServerFixtures.recording;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.http.replay.ReplayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    private static final String KEY = "sk-proj-7Hq2LmX9vB4nR8tY1wZ3kP6sD0fGuJ5e";

    private final ReplayServer server = ReplayServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bothProvidersAreFoundOnTheClassPath() {
        Backends backends = Backends.discover();
        assertTrue(backends.names().contains("llama-server"), backends.names().toString());
        assertTrue(backends.names().contains("openai"), backends.names().toString());
        assertTrue(backends.provider("llama-server").description().contains("http://localhost:8080"));
    }

    @Test
    void sendsTheApiKeyAsBearerAndKeepsItOutOfMessagesAndLogs() throws Exception {
        server.enqueue(recording("13-error-malformed-json").reply(),
                Reply.status(401, "Unauthorized").header("Content-Type", "application/json")
                        .body("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". See docs.\","
                                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}").build());
        BackendConfig config = BackendConfig.builder("openai").baseUrl(server.baseUrl()).model("gpt-x")
                .option(HttpOptions.API_KEY_ENV, "OPENAI_API_KEY").environment(Map.of("OPENAI_API_KEY", KEY)::get)
                .option(HttpOptions.STREAM, false).build();

        BackendException e;
        try (Backend backend = OpenAiBackend.create(config, true, t -> t.sleeper(d -> { }))) {
            e = assertThrows(BackendException.class, () -> backend.chat(conversation("05-chat-single")));
        }

        assertEquals("Bearer " + KEY, server.requests().get(0).header("Authorization").orElseThrow());
        assertEquals("Bearer " + KEY, server.requests().get(1).header("Authorization").orElseThrow());
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().endsWith("answered HTTP 401: Incorrect API key provided: [redacted]. See docs."
                + " (gave up after 2 attempts)"),
                e.getMessage());
        assertFalse(config.toString().contains(KEY));
        String log = Files.readString(Path.of("target/openai-test.log"));
        assertTrue(log.contains("answered HTTP 500"), "the retry was logged");
        assertFalse(log.contains(KEY), "the key is not logged");
        assertFalse(log.contains(KEY.substring(KEY.length() - 6)), "no part of the key is logged");
    }

    @Test
    void theOpenAiProviderUsesTheOnlyModelTheServerLists() throws Exception {
        server.enqueue(recording("03-v1-models").reply(), recording("05-chat-single").reply());
        BackendConfig config = BackendConfig.builder("openai").baseUrl(server.baseUrl() + "/v1/")
                .option(HttpOptions.STREAM, false)
                .build();

        try (Backend backend = new OpenAiProvider().create(config)) {
            backend.chat(conversation("05-chat-single"));
        }

        assertEquals("/v1/models", server.requests().get(0).path());
        assertEquals("/v1/chat/completions", server.requests().get(1).path(), "a base URL ending in /v1/ works");
        assertEquals("tiny-code-chat.gguf",
                new ObjectMapper().readTree(server.requests().get(1).bodyText()).path("model").asText());
    }

    @Test
    void theOpenAiProviderAsksForAModelWhenTheServerListsSeveral() throws Exception {
        server.enqueue(Reply.status(200, "OK").header("Content-Type", "application/json")
                .body("{\"object\":\"list\",\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}").build());
        BackendConfig config = BackendConfig.builder("openai").baseUrl(server.baseUrl()).build();

        try (Backend backend = new OpenAiProvider().create(config)) {
            BackendException e = assertThrows(BackendException.class,
                    () -> backend.chat(conversation("05-chat-single")));
            assertEquals(Kind.CONFIGURATION, e.kind());
            assertEquals("backend openai needs a model name: openai at " + server.baseUrl()
                    + " lists 2 models (a, b); choose one", e.getMessage());
        }
    }

    @Test
    void theLlamaServerProviderLeavesTheModelOutWhenNoneIsSet() throws Exception {
        server.enqueue(recording("10-chat-stream").reply());
        BackendConfig config = BackendConfig.builder("llama-server").baseUrl(server.baseUrl()).build();

        try (Backend backend = new LlamaServerProvider().create(config)) {
            backend.chat(conversation("05-chat-single"));
        }

        String body = server.requests().get(0).bodyText();
        assertTrue(body.startsWith("{\"temperature\":0.7,\"max_tokens\":2048,\"messages\":["), body);
        assertTrue(body.endsWith("],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), body);
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        BackendConfig.Builder base = BackendConfig.builder("llama-server");
        assertEquals("unknown option 'top_k' for backend llama-server; known: logprobs, top_logprobs, server_log, "
                + "stream, api_key_env, max_retries, connect_timeout_ms, max_request_ms",
                configurationError(base.option("top_k", "40").build()));
        assertEquals("option logprobs 'yes' must be true or false",
                configurationError(BackendConfig.builder("llama-server").option("logprobs", "yes").build()));
        assertEquals("option top_logprobs needs option logprobs=true",
                configurationError(BackendConfig.builder("llama-server").option("top_logprobs", "5").build()));
        assertEquals("option top_logprobs 'many' must be a whole number from 0 to 20",
                configurationError(BackendConfig.builder("llama-server").option("logprobs", "true")
                        .option("top_logprobs", "many").build()));
    }

    private static String configurationError(BackendConfig config) {
        BackendException e = assertThrows(BackendException.class, () -> new LlamaServerProvider().create(config));
        assertEquals(Kind.CONFIGURATION, e.kind());
        return e.getMessage();
    }
}
