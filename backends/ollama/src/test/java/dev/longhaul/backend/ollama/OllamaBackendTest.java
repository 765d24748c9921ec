package dev.longhaul.backend.ollama;

import dev.longhaul.backend.http.HttpOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.http.replay.ReplayServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static dev.longhaul.backend.ollama.OllamaChatRequestWriterTest.requestOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend against a loopback server replaying the fixtures. */
class OllamaBackendTest {

    private static final String MODEL = "qwen2.5-coder:7b";

    private ReplayServer server;

    @BeforeEach
    void startServer() {
        server = ReplayServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private BackendConfig.Builder config() {
        return BackendConfig.builder("ollama").model(MODEL).baseUrl(server.baseUrl().toString())
                .option(HttpOptions.MAX_RETRIES, 0)
                .timeout(Duration.ofSeconds(10));
    }

    private ChatResponse chat(BackendConfig config, Fixture exchange) throws BackendException {
        try (OllamaBackend backend = OllamaBackend.create(config)) {
            return backend.chat(requestOf(exchange));
        }
    }

    private static JsonNode json(RecordedRequest request) throws IOException {
        return Fixture.JSON.readTree(request.body());
    }

    private String chatUrl() {
        return server.baseUrl() + "/api/chat";
    }

    @Test
    void aNonStreamedAnswerCarriesTextStatsAndServerFigures() throws Exception {
        Fixture exchange = Fixture.load("01-chat-nonstream");
        server.enqueue(exchange.reply());

        ChatResponse response = chat(config().option(HttpOptions.STREAM, false).build(), exchange);

        RecordedRequest sent = server.requests().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/api/chat", sent.path());
        assertEquals("application/json", sent.header("Content-Type").orElseThrow());
        assertEquals(exchange.requestBody(), json(sent));
        assertEquals(exchange.answerText(), response.content());
        assertEquals("stop", response.finishReason());
        assertEquals(61, response.stats().promptTokens());
        assertEquals(203, response.stats().completionTokens());
        assertNull(response.stats().timeToFirstToken());
        assertTrue(response.stats().elapsed().compareTo(Duration.ZERO) > 0);
        assertEquals(8192, response.extra().get("num_ctx"));
        assertEquals(1.820473125, (double) response.extra().get("load_duration_s"), 1e-12);
        assertEquals(57.2, response.extra().get("server_tokens_per_s"));
    }

    @ParameterizedTest(name = "in pieces of {0} bytes")
    @ValueSource(ints = {1, 3, 7, 64, 1000, 100_000})
    void aStreamSplitAnywhereGivesTheNonStreamedText(int pieceSize) throws Exception {
        Fixture exchange = Fixture.load("02-chat-stream");
        server.enqueue(exchange.reply().inPiecesOf(pieceSize));

        ChatResponse response = chat(config().build(), exchange);

        assertEquals(exchange.requestBody(), json(server.requests().get(0)));
        // The same text as the non-streamed fixture, with its em dash (3 UTF-8 bytes) split when pieces are small.
        assertEquals(Fixture.load("01-chat-nonstream").answerText(), response.content());
        assertEquals("stop", response.finishReason());
        assertEquals(203, response.stats().completionTokens());
        Duration ttft = response.stats().timeToFirstToken();
        assertNotNull(ttft);
        assertTrue(ttft.compareTo(response.stats().elapsed()) <= 0, ttft + " > " + response.stats().elapsed());
        assertNotNull(response.stats().tokensPerSecond());
        assertEquals(58.0, response.extra().get("server_tokens_per_s"));
    }

    @Test
    void aMultiTurnRequestSendsHistoryInOrderWithEveryOption() throws Exception {
        Fixture exchange = Fixture.load("03-chat-history-options");
        server.enqueue(exchange.reply());
        BackendConfig config = config().contextSize(16384).temperature(0.7).seed(42L).maxTokens(2048).build();

        ChatResponse response = chat(config, exchange);

        JsonNode sent = json(server.requests().get(0));
        assertEquals(exchange.requestBody(), sent);
        assertEquals(List.of("system", "user", "assistant", "user"),
                sent.findValuesAsText("role"));
        assertEquals(exchange.answerText(), response.content());
        assertEquals(318, response.stats().promptTokens());
        assertEquals(16384, response.extra().get("num_ctx"));
        assertEquals(318L, response.extra().get("prompt_eval_count"));
    }

    @Test
    void aLengthLimitedAnswerReportsLength() throws Exception {
        Fixture exchange = Fixture.load("04-chat-length");
        server.enqueue(exchange.reply());

        ChatResponse response = chat(config().option(HttpOptions.STREAM, false).maxTokens(12).build(), exchange);

        assertEquals(exchange.requestBody(), json(server.requests().get(0)));
        assertEquals("length", response.finishReason());
        assertEquals(12, response.stats().completionTokens());
    }

    @Test
    void turnsReuseOneKeepAliveConnection() throws Exception {
        Fixture first = Fixture.load("02-chat-stream");
        Fixture second = Fixture.load("03-chat-history-options");
        server.enqueue(first.reply(), second.reply());

        try (OllamaBackend backend = OllamaBackend.create(config().build())) {
            backend.chat(requestOf(first));
            backend.chat(requestOf(second));
        }

        assertEquals(2, server.requests().size());
        assertEquals(1, server.connectionCount());
    }

    @Test
    void infoHasTheServerVersionAndTheModelFacts() throws Exception {
        server.enqueue(Reply.status(200, "OK").header("Content-Type", "application/json; charset=utf-8")
                .body("{\"version\":\"0.12.6\"}").build(), Fixture.load("05-show").reply());

        BackendInfo info;
        try (OllamaBackend backend = OllamaBackend.create(config().build())) {
            info = backend.info();
        }

        List<RecordedRequest> sent = server.requests();
        assertEquals("GET /api/version", sent.get(0).method() + " " + sent.get(0).path());
        assertEquals("POST /api/show", sent.get(1).method() + " " + sent.get(1).path());
        assertEquals(Fixture.load("05-show").requestBody(), json(sent.get(1)));
        assertEquals("ollama", info.provider());
        assertEquals(MODEL, info.model());
        assertEquals(8192, info.contextSize());
        assertEquals("0.12.6", info.facts().get("server_version"));
        assertEquals("7.6B", info.facts().get("parameter_size"));
        assertEquals("Q4_K_M", info.facts().get("quantization_level"));
        assertEquals("qwen2", info.facts().get("family"));
        assertEquals(32768, info.facts().get("model_context_length"));
    }

    @Test
    void infoWithoutShowStaysBasic() throws Exception {
        server.enqueue(Reply.status(200, "OK").header("Content-Type", "application/json; charset=utf-8")
                .body("{\"version\":\"0.12.6\"}").build(), Fixture.load("14-show-not-found").reply());

        BackendInfo info;
        try (OllamaBackend backend = OllamaBackend.create(config().option(HttpOptions.MAX_RETRIES, 3).build())) {
            info = backend.info();
        }

        assertEquals(8192, info.contextSize());
        assertEquals("0.12.6", info.facts().get("server_version"));
        assertNull(info.facts().get("parameter_size"));
    }

    @Test
    void infoOfAnUnreachableServerStaysBasicWithoutRetrying() {
        BackendConfig config = config().option(HttpOptions.MAX_RETRIES, 3).build();
        server.close();

        BackendInfo info;
        try (OllamaBackend backend = OllamaBackend.create(config)) {
            info = backend.info();
        } catch (BackendException e) {
            throw new AssertionError(e);
        }

        assertEquals(MODEL, info.model());
        assertEquals(List.of("num_ctx", "url"), List.copyOf(info.facts().keySet()));
    }

    @Test
    void aModelThatIsNotPulledSaysHowToPullIt() {
        Fixture exchange = Fixture.load("08-error-model-not-found");
        server.enqueue(exchange.reply());
        BackendConfig config = config().model("no-such-model").option(HttpOptions.STREAM, false).build();

        BackendException e = assertThrows(BackendException.class, () -> chat(config, exchange));

        assertEquals(Kind.MODEL_NOT_FOUND, e.kind());
        assertEquals("model 'no-such-model' not found on Ollama at " + server.baseUrl()
                + " (pull it with `ollama pull no-such-model`)", e.getMessage());
    }

    @Test
    void aRejectedRequestCarriesTheServersMessage() {
        Fixture exchange = Fixture.load("07-error-400");
        server.enqueue(exchange.reply());

        BackendException e = assertThrows(BackendException.class,
                () -> chat(config().option(HttpOptions.STREAM, false).build(), exchange));

        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains(chatUrl()), e.getMessage());
        assertTrue(e.getMessage().contains("400"), e.getMessage());
        assertTrue(e.getMessage().endsWith("json: cannot unmarshal string into Go struct field "
                + "Options.options.num_ctx of type int"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"09-error-500", "10-error-429", "15-error-503-busy"})
    void serverFailuresAreServerErrorsWithTheServersMessage(String name) throws Exception {
        Fixture exchange = Fixture.load(name);
        server.enqueue(exchange.reply());

        BackendException e = assertThrows(BackendException.class,
                () -> chat(config().option(HttpOptions.STREAM, false).build(), exchange));

        assertEquals(Kind.SERVER_ERROR, e.kind());
        // The transport puts the server's message on one line, runs of spaces made one.
        String said = Fixture.JSON.readTree(exchange.responseBody()).get("error").asText().replaceAll("\\s+", " ");
        assertTrue(e.getMessage().contains(String.valueOf(exchange.status())), e.getMessage());
        assertTrue(e.getMessage().contains(said), e.getMessage());
    }

    @Test
    void anErrorLineMidStreamIsAServerErrorWithItsMessage() {
        Fixture exchange = Fixture.load("11-error-mid-stream");
        server.enqueue(exchange.reply());

        BackendException e = assertThrows(BackendException.class, () -> chat(config().build(), exchange));

        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().startsWith("ollama at " + chatUrl()), e.getMessage());
        assertTrue(e.getMessage().endsWith("error after 37 characters of the answer: "
                + "an error was encountered while running the model"), e.getMessage());
    }

    @Test
    void aStreamFailingMidwayIsRetriedFromScratch() throws Exception {
        Fixture broken = Fixture.load("11-error-mid-stream");
        Fixture whole = Fixture.load("02-chat-stream");
        server.enqueue(broken.reply(), whole.reply());

        ChatResponse response = chat(config().option(HttpOptions.MAX_RETRIES, 1).build(), whole);

        assertEquals(2, server.requests().size());
        assertEquals(whole.answerText(), response.content());
    }

    @Test
    void aStreamWithoutItsFinalObjectIsAConnectionLost() {
        Fixture exchange = Fixture.load("12-stream-truncated");
        server.enqueue(exchange.reply());

        BackendException e = assertThrows(BackendException.class, () -> chat(config().build(), exchange));

        assertEquals(Kind.CONNECTION_LOST, e.kind());
        assertTrue(e.getMessage().contains("without its final \"done\": true object"), e.getMessage());
    }

    @Test
    void aConnectionClosedMidStreamIsAConnectionLost() {
        Fixture exchange = Fixture.load("02-chat-stream");
        server.enqueue(exchange.reply().closeAfter(2000));

        BackendException e = assertThrows(BackendException.class, () -> chat(config().build(), exchange));

        assertEquals(Kind.CONNECTION_LOST, e.kind());
    }

    @Test
    void anUnparsableLineIsABadResponseQuotingIt() {
        Fixture exchange = Fixture.load("13-stream-unparsable-line");
        server.enqueue(exchange.reply());

        BackendException e = assertThrows(BackendException.class, () -> chat(config().build(), exchange));

        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().endsWith(
                "line is not JSON: '{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-26T09:19:02.1484'"),
                e.getMessage());
    }

    @Test
    void anUnreachableServerIsNamedByItsUrl() {
        Fixture exchange = Fixture.load("01-chat-nonstream");
        BackendConfig config = config().option(HttpOptions.STREAM, false).build();
        server.close();

        BackendException e = assertThrows(BackendException.class, () -> chat(config, exchange));

        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains(chatUrl()), e.getMessage());
    }
}
