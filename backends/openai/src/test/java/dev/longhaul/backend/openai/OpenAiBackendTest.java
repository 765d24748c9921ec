package dev.longhaul.backend.openai;

import static dev.longhaul.backend.openai.LlamaServerFixtures.conversation;
import static dev.longhaul.backend.openai.LlamaServerFixtures.recording;
import static dev.longhaul.backend.openai.LlamaServerFixtures.responseJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.ChatMessage;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.http.replay.ReplayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiBackendTest {

    private final ReplayServer server = ReplayServer.start();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private OpenAiBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        server.close();
    }

    /** The settings the recordings 05–07, 10 and 12 were made with. */
    private BackendConfig.Builder seedSettings() {
        return BackendConfig.builder("llama-server").baseUrl(server.baseUrl()).model("tiny-code-chat")
                .temperature(0.7).maxTokens(2048).seed(42L);
    }

    /** The settings of 09 and 11 (greedy, 64 tokens, logprobs). */
    private BackendConfig.Builder logprobSettings() {
        return seedSettings().temperature(0.0).maxTokens(64).option("logprobs", "true").option("top_logprobs", "5");
    }

    private OpenAiBackend backend(BackendConfig config) throws BackendException {
        backend = OpenAiBackend.create(config, false, t -> t.sleeper(sleeps::add).jitter(() -> 0.0));
        return backend;
    }

    private void assertSentAsRecorded(int index, String name) {
        RecordedRequest sent = server.requests().get(index);
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals(recording(name).requestBodyText().orElseThrow(), sent.bodyText(), "request body of " + name);
        assertArrayEquals(recording(name).requestBody().orElseThrow(), sent.body());
    }

    private static String recordedContent(String name) {
        return responseJson(name).path("choices").path(0).path("message").path("content").asText();
    }

    @Test
    void answersOneTurnNonStreamedWithUsageTimingsAndStats() throws BackendException {
        server.enqueue(recording("05-chat-single").reply());

        ChatResponse r = backend(seedSettings().option(HttpOptions.STREAM, false)
                .build()).chat(conversation("05-chat-single"));

        assertSentAsRecorded(0, "05-chat-single");
        assertEquals(recordedContent("05-chat-single"), r.content());
        assertTrue(r.content().startsWith("Certainly. Here is the `RateLimiter` class."));
        assertEquals("stop", r.finishReason());
        GenerationStats s = r.stats();
        assertEquals(53, s.promptTokens());
        assertEquals(847, s.completionTokens());
        assertEquals(0, s.cachedPromptTokens(), "the first request on a fresh server");
        assertNull(s.timeToFirstToken());
        assertTrue(s.tokensPerSecond() > 0);
        assertEquals(847 / (s.elapsed().toNanos() / 1e9), s.tokensPerSecond(), 1e-6);
        assertEquals(0L, r.extra().get("server_cache_n"));
        assertEquals(53L, r.extra().get("server_prompt_n"));
        assertEquals(847L, r.extra().get("server_predicted_n"));
        assertEquals(responseJson("05-chat-single").path("timings").path("predicted_per_second").asDouble(),
                (Double) r.extra().get("server_predicted_per_second"));
        assertEquals(1, r.extra().get("http_attempts"));
        assertFalse(r.extra().containsKey("logprob_tokens"));
    }

    @Test
    void sendsEachTurnAsRecordedAndReusesOneConnection() throws BackendException {
        server.enqueue(recording("05-chat-single").reply(), recording("06-chat-turn2").reply(),
                recording("07-chat-turn3").reply());
        OpenAiBackend b = backend(seedSettings().option(HttpOptions.STREAM, false).build());
        List<ChatMessage> history = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (ChatMessage m : conversation("07-chat-turn3").messages()) {
            if (m.role() == ChatMessage.Role.USER) {
                prompts.add(m.content());
            }
        }

        List<ChatResponse> answers = new ArrayList<>();
        for (String prompt : prompts) {
            history.add(ChatMessage.user(prompt));
            ChatResponse r = b.chat(new ChatRequest(history));
            answers.add(r);
            history.add(ChatMessage.assistant(r.content()));
        }

        assertSentAsRecorded(0, "05-chat-single");
        assertSentAsRecorded(1, "06-chat-turn2");
        assertSentAsRecorded(2, "07-chat-turn3");
        assertEquals(1, server.connectionCount(), "one keep-alive connection for three turns");
        assertEquals(228, answers.get(1).stats().cachedPromptTokens());
        assertEquals(942, answers.get(1).stats().promptTokens());
        assertEquals(1403, answers.get(2).stats().cachedPromptTokens());
        assertEquals(1441, answers.get(2).stats().promptTokens());
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 7, 0})
    void streamsTheSameTextAsTheNonStreamedAnswer(int piece) throws BackendException {
        Reply reply = recording("10-chat-stream").reply();
        server.enqueue(piece == 0 ? reply : reply.inPiecesOf(piece));

        ChatResponse r = backend(seedSettings().build()).chat(conversation("10-chat-stream"));

        assertSentAsRecorded(0, "10-chat-stream");
        assertEquals(recordedContent("05-chat-single"), r.content());
        assertEquals("stop", r.finishReason());
        GenerationStats s = r.stats();
        assertEquals(847, s.completionTokens());
        assertEquals(53, s.promptTokens());
        assertEquals(52, s.cachedPromptTokens());
        assertNotNull(s.timeToFirstToken());
        assertTrue(s.timeToFirstToken().compareTo(s.elapsed()) <= 0);
        assertNotNull(s.tokensPerSecond());
        assertTrue(s.tokensPerSecond() > 0);
        assertEquals(847L, r.extra().get("server_predicted_n"));
        assertEquals(340.1270396579294, (Double) r.extra().get("server_predicted_per_second"));
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 7, 0})
    void streamsLogprobsLikeTheNonStreamedAnswer(int piece) throws BackendException {
        server.enqueue(recording("09-chat-logprobs").reply());
        Reply streamed = recording("11-chat-stream-logprobs").reply();
        server.enqueue(piece == 0 ? streamed : streamed.inPiecesOf(piece));

        ChatResponse whole = backend(logprobSettings().option(HttpOptions.STREAM, false)
                .build()).chat(conversation("09-chat-logprobs"));
        backend.close();
        ChatResponse stream = backend(logprobSettings().build()).chat(conversation("11-chat-stream-logprobs"));

        assertSentAsRecorded(0, "09-chat-logprobs");
        assertSentAsRecorded(1, "11-chat-stream-logprobs");
        assertEquals(recordedContent("09-chat-logprobs"), whole.content());
        assertEquals(whole.content(), stream.content());
        assertEquals("length", whole.finishReason());
        assertEquals("length", stream.finishReason());
        assertEquals(64, whole.stats().completionTokens());
        assertEquals(64, whole.extra().get("logprob_tokens"));
        assertEquals(64, stream.extra().get("logprob_tokens"));
        assertEquals((Double) whole.extra().get("logprob_mean"), (Double) stream.extra().get("logprob_mean"), 1e-12);
        assertEquals((Double) whole.extra().get("logprob_min"), (Double) stream.extra().get("logprob_min"));
        assertTrue((Double) whole.extra().get("logprob_min") < (Double) whole.extra().get("logprob_mean"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"12-error-context-exceeded", "12b-error-context-exceeded-stream"})
    void reportsAnExceededContextWithTheServersFigures(String name) throws BackendException {
        server.enqueue(recording(name).reply());
        boolean stream = name.contains("stream");

        BackendException e = assertThrows(BackendException.class,
                () -> backend(seedSettings().option(HttpOptions.STREAM, stream).build()).chat(conversation(name)));

        assertSentAsRecorded(0, name);
        assertEquals(Kind.CONTEXT_EXCEEDED, e.kind());
        assertEquals("llama-server at " + server.baseUrl() + "/v1/chat/completions answered HTTP 400: request"
                + " (1441 tokens) exceeds the available context size (512 tokens), try increasing it", e.getMessage());
        assertEquals(1, e.attempts());
        assertEquals(1, server.requests().size());
    }

    @Test
    void recordsAnAnswerCutAtTheContextEnd() throws BackendException {
        server.enqueue(recording("12c-chat-stops-at-context-end").reply());
        ChatResponse r = backend(seedSettings().option(HttpOptions.STREAM, false)
                .build()).chat(conversation("05-chat-single"));
        assertEquals("length", r.finishReason());
        assertEquals(459, r.stats().completionTokens());
        assertEquals(53, r.stats().promptTokens());
    }

    @Test
    void retriesA500AndGivesUpWithTheServersMessage() {
        server.enqueue(recording("13-error-malformed-json").reply(), recording("13-error-malformed-json").reply());
        BackendException e = assertThrows(BackendException.class,
                () -> backend(seedSettings().option(HttpOptions.STREAM, false).option(HttpOptions.MAX_RETRIES, 1)
                        .build()).chat(conversation("05-chat-single")));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(2, e.attempts());
        assertTrue(e.getMessage().contains("answered HTTP 500: [json.exception.parse_error.101] parse error at line 1,"
                + " column 75: syntax error while parsing array"), e.getMessage());
        assertEquals(2, server.connectionCount(), "each error closes its connection (Connection: close)");
    }

    @Test
    void retriesWhileTheModelIsLoadingThenAnswers() throws BackendException {
        server.enqueue(recording("00-health-loading").reply(), recording("05-chat-single").reply());

        ChatResponse r = backend(seedSettings().option(HttpOptions.STREAM, false)
                .build()).chat(conversation("05-chat-single"));

        assertEquals(recordedContent("05-chat-single"), r.content());
        assertEquals(2, r.extra().get("http_attempts"));
        assertEquals(List.of(Duration.ofMillis(250)), sleeps);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"14-error-messages-missing", "15-error-unknown-route", "16-error-top-logprobs-without-logprobs",
        "18-error-wrong-method"})
    void neverRetriesA4xxAndQuotesTheServer(String name) {
        server.enqueue(recording(name).reply());
        BackendException e = assertThrows(BackendException.class,
                () -> backend(seedSettings().option(HttpOptions.STREAM, false)
                        .build()).chat(conversation("05-chat-single")));
        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(1, e.attempts());
        assertEquals(1, server.requests().size());
        assertTrue(sleeps.isEmpty());
        String expected = switch (name) {
            case "14-error-messages-missing" -> "answered HTTP 400: 'messages' is required";
            case "16-error-top-logprobs-without-logprobs" ->
                    "answered HTTP 400: top_logprobs requires logprobs to be set to true";
            default -> "answered HTTP 404: File Not Found";
        };
        assertTrue(e.getMessage().endsWith(expected), e.getMessage());
    }

    @Test
    void retriesAStreamResetMidBody() throws BackendException {
        Reply stream = recording("10-chat-stream").reply();
        server.enqueue(stream.resetAfter(100_000), stream.inPiecesOf(4096));

        ChatResponse r = backend(seedSettings().build()).chat(conversation("10-chat-stream"));

        assertEquals(recordedContent("05-chat-single"), r.content());
        assertEquals(2, r.extra().get("http_attempts"));
        assertEquals(2, server.requests().size());
    }

    @Test
    void readsServerFactsFromPropsAndModels() {
        server.enqueue(recording("02-props").reply(), recording("03-v1-models").reply());
        var info = assertDoesNotThrowInfo(seedSettings().build());
        assertEquals("llama-server", info.provider());
        assertEquals("tiny-code-chat.gguf", info.model());
        assertEquals(4096, info.contextSize());
        assertEquals(4096, info.trainedContextSize(), "meta.n_ctx_train of /v1/models");
        assertNull(info.kvType(), "no endpoint reveals the KV cache type");
        Map<String, Object> f = info.facts();
        assertEquals("tiny-code-chat.gguf", f.get("model_alias"));
        assertEquals("tiny-code-chat.gguf", f.get("model_path"));
        assertEquals("b0-unknown", f.get("build_info"));
        assertEquals(1, f.get("total_slots"));
        assertEquals("tiny-code-chat.gguf", f.get("model_id"));
        assertEquals(4096L, f.get("n_ctx_train"));
        assertEquals(7212288L, f.get("n_params"));
        assertEquals(14431232L, f.get("model_size_bytes"));
        assertEquals(4096, f.get("server_n_ctx"));
        assertEquals(List.of("/props", "/v1/models"), server.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void aConfiguredContextTheServerDoesNotRunIsKeptBesideTheOneItDoes() {
        server.enqueue(recording("02-props").reply(), recording("03-v1-models").reply());
        var info = assertDoesNotThrowInfo(seedSettings().contextSize(8192).build());
        assertEquals(4096, info.contextSize(), "what /props says the slot holds");
        assertEquals(8192, info.facts().get("context_size_configured"));

        server.enqueue(recording("02-props").reply(), recording("03-v1-models").reply());
        var same = assertDoesNotThrowInfo(seedSettings().contextSize(4096).build());
        assertFalse(same.facts().containsKey("context_size_configured"));
    }

    @Test
    void retriesPropsWhileLoading() {
        server.enqueue(recording("00-health-loading").reply(), recording("02-props").reply(),
                recording("03-v1-models").reply());
        var info = assertDoesNotThrowInfo(seedSettings().build());
        assertEquals(4096, info.contextSize());
        assertEquals(1, sleeps.size());
    }

    @Test
    void toleratesAServerWithoutProps() {
        server.enqueue(recording("15-error-unknown-route").reply(), recording("03-v1-models").reply());
        var info = assertDoesNotThrowInfo(seedSettings().contextSize(2048).build());
        assertEquals(2048, info.contextSize(), "the configured size when the server does not say");
        assertEquals(4096L, info.facts().get("n_ctx_train"));
        assertFalse(info.facts().containsKey("props_error"));
    }

    @Test
    void reportsAnUnreachableServerAsAFact() {
        server.stopListening();
        var info = assertDoesNotThrowInfo(seedSettings().option(HttpOptions.MAX_RETRIES, 0).build());
        assertTrue(((String) info.facts().get("props_error")).startsWith("llama-server unreachable at "),
                info.facts().toString());
        assertFalse(info.facts().containsKey("models_error"), "no second attempt on a server that is down");
    }

    @Test
    void readsTheKvCacheTypeFromTheServerLog(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path logFile = dir.resolve("server.log");
        Files.writeString(logFile, "main: loading model\n"
                + LlamaServerFixtures.resource("/fixtures/llama-server/kv-logs/turbo4.txt") + "main: ready\n");
        server.enqueue(recording("28-turbo4-props").reply(), recording("29-turbo4-v1-models").reply());

        var info = assertDoesNotThrowInfo(seedSettings().kvType("turbo4").option("server_log", logFile.toString())
                .build());

        assertEquals("turbo4", info.kvType());
        assertEquals("turbo4", info.facts().get("kv_cache_k_type"));
        assertEquals(12.75, info.facts().get("kv_cache_size_mib"));
        assertEquals(4096, info.facts().get("kv_cache_cells"));
        assertEquals("enabled", info.facts().get("flash_attn"));
        assertEquals(4096, info.contextSize());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"20-q8_0-chat-single:157", "22-q4_0-chat-single:319", "24-turbo4-chat-single:306",
        "26-fork-f16-chat-single:847"})
    void parsesTheKvVariantAnswers(String spec) throws BackendException {
        String name = spec.split(":")[0];
        int tokens = Integer.parseInt(spec.split(":")[1]);
        server.enqueue(recording(name).reply());

        ChatResponse r = backend(seedSettings().option(HttpOptions.STREAM, false).build()).chat(conversation(name));

        assertSentAsRecorded(0, name);
        assertEquals(tokens, r.stats().completionTokens());
        assertEquals("stop", r.finishReason());
        assertEquals(recordedContent(name), r.content());
        assertEquals(name.startsWith("26"), r.content().equals(recordedContent("05-chat-single")),
                "only the f16 control reproduces the f16 answer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"21-q8_0-chat-logprobs", "23-q4_0-chat-logprobs", "25-turbo4-chat-logprobs",
        "27-fork-f16-chat-logprobs"})
    void parsesTheKvVariantLogprobs(String name) throws BackendException {
        server.enqueue(recording("09-chat-logprobs").reply(), recording(name).reply());
        OpenAiBackend b = backend(logprobSettings().option(HttpOptions.STREAM, false).build());
        ChatResponse f16 = b.chat(conversation("09-chat-logprobs"));

        ChatResponse variant = b.chat(conversation(name));

        assertSentAsRecorded(1, name);
        assertEquals(64, variant.extra().get("logprob_tokens"));
        double drift = Math.abs((Double) variant.extra().get("logprob_mean") - (Double) f16.extra().get("logprob_mean"));
        if (name.startsWith("27")) {
            assertEquals(f16.content(), variant.content());
            assertEquals(0.0, drift, "the fork's f16 control gives identical logprobs");
        } else {
            assertTrue(drift > 0, "quantised KV changes the logprobs of " + name);
        }
    }

    private dev.longhaul.backend.BackendInfo assertDoesNotThrowInfo(BackendConfig config) {
        try {
            return backend(config).info();
        } catch (BackendException e) {
            throw new AssertionError(e);
        }
    }
}
