package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.http.replay.RecordedRequest;
import dev.longhaul.http.replay.Reply;
import dev.longhaul.http.replay.ReplayServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private static final String OK_JSON = "{\"status\":\"ok\"}";

    private final ReplayServer server = ReplayServer.start();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private HttpTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private HttpTransport.Builder builder() {
        return HttpTransport.builder("test-server", server.baseUrl())
                .sleeper(sleeps::add)
                .jitter(() -> 1.0)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(3);
    }

    private HttpTransport transport() {
        transport = builder().build();
        return transport;
    }

    private static Reply json(int status, String reason, String body) {
        return Reply.status(status, reason).header("Content-Type", "application/json; charset=utf-8")
                .header("Keep-Alive", "timeout=5, max=100").body(body).build();
    }

    private static Reply jsonClosing(int status, String reason, String body) {
        return Reply.status(status, reason).header("Connection", "close")
                .header("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    private static ObjectNode body() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("model", "m");
        b.put("text", "caf\u00e9");
        return b;
    }

    @Test
    void postsCompactUtf8JsonAndParsesTheAnswer() throws BackendException {
        server.enqueue(json(200, "OK", OK_JSON));

        JsonResponse answer = transport().postJson("/v1/x", body());

        assertEquals("ok", answer.body().path("status").asText());
        assertEquals(1, answer.attempts());
        RecordedRequest request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v1/x", request.path());
        assertEquals("{\"model\":\"m\",\"text\":\"caf\u00e9\"}", request.bodyText());
        assertEquals("application/json", request.header("Content-Type").orElseThrow());
        assertEquals("application/json", request.header("Accept").orElseThrow());
        assertFalse(request.header("Authorization").isPresent());
    }

    @Test
    void reusesOneKeepAliveConnectionForSeveralRequests() throws BackendException {
        server.enqueue(json(200, "OK", OK_JSON), json(200, "OK", OK_JSON), json(200, "OK", OK_JSON));
        HttpTransport t = transport();
        for (int i = 0; i < 3; i++) {
            t.postJson("/v1/x", body());
        }
        assertEquals(3, server.requests().size());
        assertEquals(1, server.connectionCount());
    }

    @Test
    void survivesTheServerClosingAnIdleKeepAliveConnection() throws Exception {
        try (ReplayServer closing = ReplayServer.builder().idleTimeout(Duration.ofMillis(100)).start()) {
            closing.enqueue(json(200, "OK", OK_JSON), json(200, "OK", OK_JSON));
            transport = HttpTransport.builder("test-server", closing.baseUrl()).sleeper(sleeps::add).build();
            transport.postJson("/v1/x", body());
            // Longer than the server's keep-alive timeout, like a pause between turns (llama-server: 5 s).
            Thread.sleep(400);

            JsonResponse second = transport.postJson("/v1/x", body());

            assertEquals("ok", second.body().path("status").asText());
            assertEquals(2, closing.connectionCount());
            assertEquals(2, closing.requests().size());
        }
    }

    /**
     * A real llama-server closes the connection after every streamed answer although it sent {@code Keep-Alive}; a
     * request sent on it before the client noticed gets no byte back. That is retried at once, without a backoff.
     */
    @Test
    void aRequestOnAConnectionTheServerClosedWithoutAWordIsRetriedAtOnce() throws BackendException {
        server.enqueue(json(200, "OK", OK_JSON), Reply.closeWithoutAnswer(), json(200, "OK", OK_JSON));
        transport().postJson("/v1/x", body());

        JsonResponse second = transport.postJson("/v1/x", body());

        assertEquals("ok", second.body().path("status").asText());
        assertEquals(2, second.attempts());
        assertEquals(List.of(Duration.ZERO), sleeps, "no backoff");
        assertEquals(3, server.requests().size());
    }

    @Test
    void retriesARefusedConnectionAndSucceeds() throws BackendException {
        server.stopListening();
        transport = builder().sleeper(d -> {
            sleeps.add(d);
            server.resumeListening();
        }).build();
        server.enqueue(json(200, "OK", OK_JSON));

        JsonResponse answer = transport.postJson("/v1/x", body());

        assertEquals(2, answer.attempts());
        assertEquals(List.of(Duration.ofMillis(500)), sleeps);
        assertEquals(1, server.requests().size());
    }

    @Test
    void givesUpOnAnUnreachableServerAfterTheRetries() {
        server.stopListening();
        BackendException e = assertThrows(BackendException.class, () -> transport().postJson("/v1/x", body()));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertEquals(4, e.attempts());
        assertTrue(e.getMessage().startsWith("test-server unreachable at " + server.baseUrl() + "/v1/x: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(gave up after 4 attempts)"), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), sleeps);
    }

    @Test
    void honoursRetryAfterSecondsOn429() throws BackendException {
        server.enqueue(Reply.status(429, "Too Many Requests").header("Retry-After", "7")
                .body("{\"error\":{\"message\":\"slow down\"}}").build(), json(200, "OK", OK_JSON));

        JsonResponse answer = transport().postJson("/v1/x", body());

        assertEquals(2, answer.attempts());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void honoursAnHttpDateRetryAfterCappedByThePolicy() throws BackendException {
        server.enqueue(Reply.status(503, "Service Unavailable").header("Retry-After", "Thu, 26 Nov 2026 10:00:30 GMT")
                        .body("").build(),
                Reply.status(503, "Service Unavailable").header("Retry-After", "86400").body("").build(),
                json(200, "OK", OK_JSON));
        transport = builder().clock(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .build();

        assertEquals(3, transport.postJson("/v1/x", body()).attempts());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), sleeps);
    }

    @Test
    void retries5xxWithBackoffAndReportsTheServerMessageWhenAllFail() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(jsonClosing(500, "Internal Server Error",
                    "{\"error\":{\"code\":500,\"message\":\"boom\\nsecond line\",\"type\":\"server_error\"}}"));
        }
        BackendException e = assertThrows(BackendException.class, () -> transport().postJson("/v1/x", body()));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals("test-server at " + server.baseUrl() + "/v1/x answered HTTP 500: boom second line"
                + " (gave up after 4 attempts)", e.getMessage());
        assertEquals(4, server.requests().size());
        assertEquals(3, sleeps.size());
    }

    @Test
    void neverRetriesOther4xxAndUsesTheClassifier() {
        server.enqueue(jsonClosing(400, "Bad Request",
                "{\"error\":{\"code\":400,\"message\":\"too long\",\"type\":\"exceed_context_size_error\"}}"));
        transport = builder().errorClassifier(error -> error.errorField("type")
                .filter("exceed_context_size_error"::equals).map(t -> Kind.CONTEXT_EXCEEDED)
                .orElse(Kind.REJECTED)).build();

        BackendException e = assertThrows(BackendException.class, () -> transport.postJson("/v1/x", body()));

        assertEquals(Kind.CONTEXT_EXCEEDED, e.kind());
        assertEquals(1, e.attempts());
        assertEquals("test-server at " + server.baseUrl() + "/v1/x answered HTTP 400: too long", e.getMessage());
        assertEquals(1, server.requests().size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void quotesANonJsonErrorBodyEscapedOnOneLine() {
        server.enqueue(Reply.status(404, "Not Found").header("Connection", "close")
                .body("<html>\n<b>no such page</b>\u00e9</html>").build());
        BackendException e = assertThrows(BackendException.class, () -> transport().postJson("/v1/x", body()));
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().endsWith("answered HTTP 404: \"<html>\\n<b>no such page</b>\\xc3\\xa9</html>\""),
                e.getMessage());
    }

    @Test
    void retriesAConnectionResetMidBody() throws BackendException {
        Reply whole = json(200, "OK", "{\"choices\":[{\"text\":\"" + "x".repeat(2000) + "\"}]}");
        server.enqueue(whole.resetAfter(500), whole);

        JsonResponse answer = transport().postJson("/v1/x", body());

        assertEquals(2, answer.attempts());
        assertEquals(2000, answer.body().path("choices").path(0).path("text").asText().length());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void reportsAConnectionClosedMidBodyAsLostAfterTheRetries() {
        Reply whole = json(200, "OK", "{\"choices\":[{\"text\":\"" + "x".repeat(200) + "\"}]}");
        server.enqueue(whole.closeAfter(150), whole.closeAfter(150));
        transport = builder().maxRetries(1).build();

        BackendException e = assertThrows(BackendException.class, () -> transport.postJson("/v1/x", body()));

        assertEquals(Kind.CONNECTION_LOST, e.kind());
        assertEquals(2, e.attempts());
        assertTrue(e.getMessage().contains("closed the connection before the whole answer arrived"), e.getMessage());
    }

    @Test
    void rejectsABodyThatIsNotJsonWithItsFirstBytes() {
        server.enqueue(json(200, "OK", "Certainly! \"" + "y".repeat(300)));
        BackendException e = assertThrows(BackendException.class, () -> transport().postJson("/v1/x", body()));
        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertEquals(1, server.requests().size());
        String expected = "test-server at " + server.baseUrl() + "/v1/x sent a body that is not JSON: \"Certainly! \\\""
                + "y".repeat(188) + "\"... (312 bytes)";
        assertEquals(expected, e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bodyBytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, 'x', 'y', '"', '}'};
        byte[] raw = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(bodyBytes, 0, raw, head.length, bodyBytes.length);
        server.enqueue(Reply.raw(raw));

        BackendException e = assertThrows(BackendException.class, () -> transport().postJson("/v1/x", body()));

        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().endsWith("sent a body that is not valid UTF-8: \"{\\\"a\\\":\\\"\\xff\\xfexy\\\"}\""),
                e.getMessage());
    }

    @Test
    void timesOutWhenTheServerSendsNothingAndDoesNotRetry() {
        server.enqueue(Reply.hang());
        transport = builder().timeout(Duration.ofMillis(300)).build();

        BackendException e = assertThrows(BackendException.class, () -> transport.postJson("/v1/x", body()));

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals("test-server at " + server.baseUrl() + "/v1/x timed out: no progress for 0.3 s", e.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void timesOutWhenAStreamStopsMidway() {
        Reply stream = sse("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n");
        server.enqueue(stream.hangAfter(new String(stream.bytes(), StandardCharsets.ISO_8859_1).indexOf("{\"n\":2}")));
        transport = builder().timeout(Duration.ofMillis(300)).build();
        List<String> events = new CopyOnWriteArrayList<>();

        BackendException e = assertThrows(BackendException.class,
                () -> transport.postStream("/v1/x", body(), StreamFormat.SSE, () -> collecting(events)));

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals(List.of("{\"n\":1}"), events);
    }

    @Test
    void theTimeoutBoundsIdleTimeNotTheWholeStream() throws BackendException {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chunks.add("data: {\"n\":" + i + "}\n\n");
        }
        // 8 events of 16 bytes, one every 100 ms: the stream takes about 0.8 s, no gap reaches 0.4 s.
        server.enqueue(sse(chunks.toArray(String[]::new)).inPiecesOf(60).pausing(Duration.ofMillis(100)));
        transport = builder().timeout(Duration.ofMillis(400)).build();

        StreamResponse<List<String>> answer = transport.postStream("/v1/x", body(), StreamFormat.SSE,
                () -> collecting(new ArrayList<>()));

        assertEquals(8, answer.value().size());
        assertTrue(answer.elapsed().compareTo(Duration.ofMillis(400)) > 0, answer.elapsed().toString());
    }

    @Test
    void streamsSseEventsInOrderWithTimesSinceSending() throws BackendException {
        server.enqueue(sse("data: {\"n\":1}\n\ndata: {\"n\":2}\n\n", "data: [DONE]\n\n").inPiecesOf(3));
        List<Duration> times = new ArrayList<>();

        StreamResponse<List<String>> answer = transport().postStream("/v1/x", body(), StreamFormat.SSE,
                () -> new StreamSink<>() {
                    private final List<String> events = new ArrayList<>();

                    @Override
                    public boolean onEvent(String data, Duration sinceSent) {
                        events.add(data);
                        times.add(sinceSent);
                        return !data.equals("[DONE]");
                    }

                    @Override
                    public List<String> complete(Duration elapsed) {
                        times.add(elapsed);
                        return events;
                    }
                });

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "[DONE]"), answer.value());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i).compareTo(times.get(i - 1)) >= 0, times.toString());
        }
        assertEquals("text/event-stream", server.requests().get(0).header("Accept").orElseThrow());
    }

    @Test
    void readsAnErrorAnswerToAStreamedRequestAsJson() {
        server.enqueue(jsonClosing(400, "Bad Request", "{\"error\":{\"code\":400,\"message\":\"nope\"}}"));
        BackendException e = assertThrows(BackendException.class, () -> transport().postStream("/v1/x", body(),
                StreamFormat.SSE, () -> collecting(new ArrayList<>())));
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().endsWith("answered HTTP 400: nope"), e.getMessage());
    }

    @Test
    void retriesAStreamThatBrokeMidwayWithAFreshSink() throws BackendException {
        Reply stream = sse("data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n", "data: [DONE]\n\n");
        server.enqueue(stream.closeAfter(stream.bytes().length - 30), stream);
        AtomicInteger sinks = new AtomicInteger();

        StreamResponse<List<String>> answer = transport().postStream("/v1/x", body(), StreamFormat.SSE, () -> {
            sinks.incrementAndGet();
            return collecting(new ArrayList<>());
        });

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "[DONE]"), answer.value());
        assertEquals(2, answer.attempts());
        assertEquals(2, sinks.get());
    }

    @Test
    void retriesWhenTheSinkReportsATransientFailure() throws BackendException {
        server.enqueue(sse("data: {\"error\":\"overloaded\"}\n\n"), sse("data: {\"n\":1}\n\n"));

        StreamResponse<List<String>> answer = transport().postStream("/v1/x", body(), StreamFormat.SSE,
                () -> new StreamSink<>() {
                    private final List<String> events = new ArrayList<>();

                    @Override
                    public boolean onEvent(String data, Duration sinceSent) throws BackendException {
                        if (data.contains("error")) {
                            throw new BackendException(Kind.SERVER_ERROR, "server said overloaded");
                        }
                        events.add(data);
                        return true;
                    }

                    @Override
                    public List<String> complete(Duration elapsed) {
                        return events;
                    }
                });

        assertEquals(List.of("{\"n\":1}"), answer.value());
        assertEquals(2, answer.attempts());
    }

    @Test
    void getJsonTreatsNotFoundAsAbsent() throws BackendException {
        server.enqueue(jsonClosing(404, "Not Found", "{\"error\":{\"message\":\"File Not Found\"}}"),
                json(200, "OK", "{\"n_ctx\":4096}"));
        HttpTransport t = transport();
        assertTrue(t.getJson("/props").isEmpty());
        assertEquals(4096, t.getJson("/props").orElseThrow().body().path("n_ctx").asInt());
        assertEquals("GET", server.requests().get(0).method());
    }

    @Test
    void sendsTheApiKeyOnlyAsBearerHeaderAndNeverShowsIt() throws Exception {
        String key = "sk-live-4f9a8b7c6d5e4f3a2b1cSECRET";
        server.enqueue(jsonClosing(500, "Internal Server Error", "{\"error\":\"bad key " + key + "\"}"),
                jsonClosing(401, "Unauthorized", "{\"error\":{\"message\":\"Incorrect API key provided: sk-live-"
                        + "*********************CRET.\"}}"));
        BackendConfig config = BackendConfig.builder("test-server").baseUrl(server.baseUrl())
                .option(HttpOptions.API_KEY_ENV, "LONGHAUL_TEST_KEY")
                .environment(Map.of("LONGHAUL_TEST_KEY", key)::get).build();
        transport = HttpTransport.builder(config, server.baseUrl()).sleeper(sleeps::add).build();

        BackendException e = assertThrows(BackendException.class, () -> transport.postJson("/v1/x", body()));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals("Bearer " + key, server.requests().get(0).header("Authorization").orElseThrow());
        assertFalse(e.getMessage().contains(key), e.getMessage());
        assertFalse(e.getMessage().contains("CRET"), e.getMessage());
        assertTrue(e.getMessage().contains("Incorrect API key provided: [redacted]."), e.getMessage());
        String log = Files.readString(Path.of("target/transport-test.log"));
        assertTrue(log.contains("bad key [redacted]; retry 1/3"), "the retry is logged");
        assertFalse(log.contains(key), "the key is not logged");
        assertFalse(log.contains("SECRET"), "no part of the key is logged");
    }

    @Test
    void refusesANamedButUnsetApiKeyVariable() {
        BackendConfig config = BackendConfig.builder("openai").option(HttpOptions.API_KEY_ENV, "NO_SUCH_KEY_VAR")
                .environment(name -> null).build();
        BackendException e = assertThrows(BackendException.class,
                () -> HttpTransport.builder(config, server.baseUrl()));
        assertEquals(Kind.CONFIGURATION, e.kind());
        assertEquals("API key variable NO_SUCH_KEY_VAR (named by the api key env setting) is not set or empty",
                e.getMessage());
    }

    @Test
    void hidesUserInfoOfTheUrlInMessages() {
        assertEquals("http://h:1/p?q=1", HttpTransport.displayUri(java.net.URI.create("http://u:pw@h:1/p?q=1")));
    }

    @Test
    void stopsWaitingWhenInterrupted() throws Exception {
        server.enqueue(Reply.hang());
        HttpTransport t = transport();
        List<BackendException> thrown = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                t.postJson("/v1/x", body());
            } catch (BackendException e) {
                thrown.add(e);
            }
        });
        caller.start();
        for (int i = 0; i < 200 && server.requests().isEmpty(); i++) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(5000);
        assertFalse(caller.isAlive());
        assertEquals(Kind.INTERRUPTED, thrown.get(0).kind());
    }

    private static Reply sse(String... chunks) {
        return Reply.status(200, "OK").header("Keep-Alive", "timeout=5, max=100")
                .header("Content-Type", "text/event-stream").chunked(List.of(chunks)).build();
    }

    private static StreamSink<List<String>> collecting(List<String> events) {
        return new StreamSink<>() {
            @Override
            public boolean onEvent(String data, Duration sinceSent) {
                events.add(data);
                return true;
            }

            @Override
            public List<String> complete(Duration elapsed) {
                return events;
            }
        };
    }
}
