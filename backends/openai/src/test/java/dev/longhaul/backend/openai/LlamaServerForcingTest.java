package dev.longhaul.backend.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ForcedAnswer;
import dev.longhaul.backend.TeacherForcing;
import dev.longhaul.backend.TokenDistribution;
import dev.longhaul.backend.TokenLogprob;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.http.replay.ReplayServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Teacher forcing against llama-server's {@code /apply-template}, {@code /tokenize} (with pieces) and
 * {@code /completion} ({@code completion_probabilities[].top_logprobs}): replayed byte for byte from a real upstream
 * llama-server (fixtures 30–36), and in replies constructed in those shapes for what a recording cannot show (an
 * answer token outside the top K, a server of the old format).
 */
class LlamaServerForcingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";

    private final ReplayServer server = ReplayServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordedForcingOfTheFirstTokensOfARecordedGreedyAnswerGivesItsGenerationTimeDistributions() throws Exception {
        List<String> names = List.of("30-apply-template", "31-tokenize-prompt", "32-tokenize-prompt-and-answer",
                "33-completion-probs-0", "34-completion-probs-1", "35-completion-probs-2", "36-completion-probs-3");
        server.enqueue(names.stream().map(n -> LlamaServerFixtures.recording(n).reply()).toArray(Reply[]::new));
        ForcedAnswer forced;
        try (Backend backend = llamaServer()) {
            forced = ((TeacherForcing) backend).force(LlamaServerFixtures.conversation("09-chat-logprobs"),
                    "Here is a Python", 5);
        }

        List<RecordedRequest> requests = server.requests();
        for (int i = 0; i < names.size(); i++) {
            assertEquals(LlamaServerFixtures.recording(names.get(i)).requestBodyText().orElseThrow(),
                    requests.get(i).bodyText(), names.get(i) + ": the request, byte for byte");
        }
        // The greedy answer of 09 starts with these four tokens; forcing them gives, position by position, the
        // distributions 09 was generated from (the batch shapes differ, so the probabilities agree to a thousandth).
        JsonNode generated = LlamaServerFixtures.responseJson("09-chat-logprobs").path("choices").path(0)
                .path("logprobs").path("content");
        assertEquals(4, forced.positions().size());
        for (int i = 0; i < 4; i++) {
            TokenDistribution position = forced.positions().get(i);
            JsonNode expected = generated.get(i);
            assertEquals(expected.path("id").asInt(), position.actual().id());
            assertEquals(expected.path("token").asText(), position.actual().token());
            assertEquals(Math.exp(expected.path("logprob").asDouble()), Math.exp(position.actual().logprob()), 1e-3,
                    "position " + i);
            assertEquals(5, position.top().size());
            for (int k = 0; k < 5; k++) {
                JsonNode candidate = expected.path("top_logprobs").get(k);
                assertEquals(candidate.path("id").asInt(), position.top().get(k).id(), "position " + i + " rank " + k);
                assertEquals(Math.exp(candidate.path("logprob").asDouble()), Math.exp(position.top().get(k).logprob()),
                        1e-3, "position " + i + " rank " + k);
            }
        }
    }

    @Test
    void oneCompletionPerAnswerTokenWithThePrefixAsTokens() throws Exception {
        server.enqueue(ok("{\"prompt\":" + JSON.writeValueAsString(PROMPT) + "}"),
                ok("{\"tokens\":[{\"id\":1,\"piece\":\"<s>\"},{\"id\":3,\"piece\":\"<|im_start|>\"},"
                        + "{\"id\":10,\"piece\":\"user\"},{\"id\":11,\"piece\":\"assistant\\n\"}]}"),
                ok("{\"tokens\":[{\"id\":1,\"piece\":\"<s>\"},{\"id\":3,\"piece\":\"<|im_start|>\"},"
                        + "{\"id\":10,\"piece\":\"user\"},{\"id\":11,\"piece\":\"assistant\\n\"},"
                        + "{\"id\":20,\"piece\":\"Hel\"},{\"id\":21,\"piece\":\"lo\"}]}"),
                ok(completion(20, "Hel", -0.1, 30, "X", -2.5)),
                ok(completion(40, "Q", -0.2, 41, "R", -1.9)));
        ForcedAnswer forced;
        try (Backend backend = llamaServer()) {
            forced = ((TeacherForcing) backend).force(new ChatRequest(List.of(ChatMessage.user("Hi"))), "Hello", 2);
        }

        assertEquals(2, forced.topK());
        assertEquals(2, forced.positions().size());
        TokenDistribution first = forced.positions().get(0);
        assertEquals(new TokenLogprob(20, "Hel", -0.1), first.actual());
        assertEquals(List.of(new TokenLogprob(20, "Hel", -0.1), new TokenLogprob(30, "X", -2.5)), first.top());
        TokenDistribution second = forced.positions().get(1);
        assertEquals(21, second.actual().id());
        assertEquals("lo", second.actual().token());
        assertTrue(Double.isNaN(second.actual().logprob()), "the answer token is not among the K: unknown");

        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("/apply-template", "/tokenize", "/tokenize", "/completion", "/completion"),
                requests.stream().map(RecordedRequest::path).toList());
        assertEquals("user", body(requests.get(0)).path("messages").path(0).path("role").asText());
        assertEquals("Hi", body(requests.get(0)).path("messages").path(0).path("content").asText());
        assertEquals(JSON.readTree("{\"content\":" + JSON.writeValueAsString(PROMPT)
                + ",\"add_special\":true,\"with_pieces\":true}"), body(requests.get(1)));
        assertEquals(PROMPT + "Hello", body(requests.get(2)).path("content").asText());
        assertEquals(JSON.readTree("{\"prompt\":[1,3,10,11],\"n_predict\":1,\"n_probs\":2,\"cache_prompt\":true,"
                + "\"post_sampling_probs\":false,\"stream\":false}"), body(requests.get(3)));
        assertEquals(JSON.readTree("[1,3,10,11,20]"), body(requests.get(4)).path("prompt"));
    }

    @Test
    void aServerWithoutTopLogprobsIsNamedInOneLine() throws Exception {
        server.enqueue(ok("{\"prompt\":\"p\"}"), ok("{\"tokens\":[{\"id\":1,\"piece\":\"p\"}]}"),
                ok("{\"tokens\":[{\"id\":1,\"piece\":\"p\"},{\"id\":2,\"piece\":\"a\"}]}"),
                ok("{\"content\":\"a\",\"completion_probabilities\":[{\"content\":\"a\",\"probs\":[]}]}"));
        try (Backend backend = llamaServer()) {
            BackendException e = assertThrows(BackendException.class, () -> ((TeacherForcing) backend)
                    .force(new ChatRequest(List.of(ChatMessage.user("Hi"))), "a", 5));
            assertEquals(Kind.BAD_RESPONSE, e.kind());
            assertTrue(e.getMessage().endsWith(": /completion gave no completion_probabilities[0].top_logprobs for "
                    + "answer token 0 (a llama-server from before December 2024?)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void onlyTheLlamaServerProviderForcesTokens() throws BackendException {
        BackendConfig.Builder config = BackendConfig.builder("llama-server").baseUrl(server.baseUrl());
        try (Backend llama = Backends.discover().create(config.build());
             Backend openai = Backends.discover().create(BackendConfig.builder("openai").baseUrl(server.baseUrl())
                     .model("m").build())) {
            assertTrue(llama instanceof TeacherForcing);
            assertFalse(openai instanceof TeacherForcing);
        }
    }

    private Backend llamaServer() throws BackendException {
        return Backends.discover().create(BackendConfig.builder("llama-server").baseUrl(server.baseUrl())
                .maxRetries(0).build());
    }

    private static String completion(int id1, String t1, double l1, int id2, String t2, double l2) {
        return "{\"index\":0,\"content\":\"" + t1 + "\",\"tokens\":[],\"id_slot\":0,\"stop\":true,"
                + "\"completion_probabilities\":[{\"id\":" + id1 + ",\"token\":\"" + t1 + "\",\"bytes\":[],\"logprob\":"
                + l1 + ",\"top_logprobs\":[{\"id\":" + id1 + ",\"token\":\"" + t1 + "\",\"bytes\":[],\"logprob\":" + l1
                + "},{\"id\":" + id2 + ",\"token\":\"" + t2 + "\",\"bytes\":[],\"logprob\":" + l2 + "}]}]}";
    }

    private static Reply ok(String json) {
        return Reply.status(200, "OK").header("Content-Type", "application/json; charset=utf-8").body(json).build();
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return JSON.readTree(r.bodyText());
    }
}
