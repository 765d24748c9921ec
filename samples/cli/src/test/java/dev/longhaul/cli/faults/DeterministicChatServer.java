package dev.longhaul.cli.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback chat server whose answer is a pure function of the request's messages ({@link ChatAnswer}): the
 * OpenAI-compatible {@code POST /v1/chat/completions} (one JSON object, or Server-Sent Events when the request says
 * {@code "stream": true}) and Ollama's {@code POST /api/chat} (NDJSON unless {@code "stream": false}); every other
 * request gets 404, as llama-server answers an endpoint it lacks.
 *
 * <p>It counts chat requests per prompt (the last user message, one per turn of a script's first 50 turns) and keeps
 * the {@code Authorization} headers it saw. For the tests it can pace its answers, hold every request after the
 * first n until {@link #release()} (at most 10 s, so nothing waits forever) and answer the next requests with an
 * error status instead.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: the answers depend on the request, which the byte-replaying
 * {@code ReplayServer} of http-replay cannot do, and parsing the request needs JSON, which that dependency-free
 * module does not have.
 */
final class DeterministicChatServer implements AutoCloseable {

    static final String OPENAI_CHAT = "/v1/chat/completions";
    static final String OLLAMA_CHAT = "/api/chat";
    /** Replaced, in an error body, by the API key the request carried (as servers that quote the key do). */
    static final String KEY_PLACEHOLDER = "{key}";

    private static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

    private record ErrorAnswer(int status, String bodyTemplate) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "deterministic-chat-server");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer server;
    private final Map<String, Integer> requestsPerPrompt = new ConcurrentHashMap<>();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final Deque<ErrorAnswer> errors = new ConcurrentLinkedDeque<>();
    private final AtomicInteger chatRequests = new AtomicInteger();
    private volatile int holdAfter = Integer.MAX_VALUE;
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private volatile Duration pace = Duration.ZERO;

    private DeterministicChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static DeterministicChatServer start() {
        try {
            return new DeterministicChatServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the chat server", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Waits this long before each chat answer. */
    void pace(Duration perAnswer) {
        this.pace = perAnswer;
    }

    /** Holds every chat request after the first {@code answered} until {@link #release()} (10 s at most). */
    void holdAfter(int answered) {
        this.holdAfter = answered;
    }

    void release() {
        gate.countDown();
    }

    /** Answers the next chat request (after those already failing) with this status and body. */
    void failNext(int status, String bodyTemplate) {
        errors.addLast(new ErrorAnswer(status, bodyTemplate));
    }

    /** @return chat requests received per prompt (the last user message), sorted by prompt */
    Map<String, Integer> requestsPerPrompt() {
        return new TreeMap<>(requestsPerPrompt);
    }

    int chatRequests() {
        return chatRequests.get();
    }

    /** @return the {@code Authorization} headers of every request, in order */
    List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** Forgets counts, headers and pending errors; stops pacing and holding (releasing held requests). */
    void reset() {
        gate.countDown();
        gate = new CountDownLatch(1);
        holdAfter = Integer.MAX_VALUE;
        pace = Duration.ZERO;
        errors.clear();
        requestsPerPrompt.clear();
        authorizations.clear();
        chatRequests.set(0);
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            String path = exchange.getRequestURI().getPath();
            boolean openAi = path.equals(OPENAI_CHAT);
            if (!exchange.getRequestMethod().equals("POST") || !(openAi || path.equals(OLLAMA_CHAT))) {
                send(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}");
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            List<ChatAnswer.Message> messages = new ArrayList<>();
            request.path("messages").forEach(m -> messages.add(new ChatAnswer.Message(m.path("role").asText(),
                    m.path("content").asText())));
            String prompt = messages.stream().filter(m -> m.role().equals("user")).reduce((a, b) -> b)
                    .map(ChatAnswer.Message::content).orElse("");
            requestsPerPrompt.merge(prompt, 1, Integer::sum);
            if (chatRequests.incrementAndGet() > holdAfter) {
                gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            Thread.sleep(pace.toMillis());
            ErrorAnswer error = errors.pollFirst();
            if (error != null) {
                String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
                send(exchange, error.status(), error.bodyTemplate().replace(KEY_PLACEHOLDER, key));
                return;
            }
            ChatAnswer answer = ChatAnswer.to(messages);
            boolean stream = request.path("stream").asBoolean(!openAi);
            if (openAi) {
                if (stream) {
                    stream(exchange, "text/event-stream", WireShapes.completionEvents(answer, 16));
                } else {
                    send(exchange, 200, WireShapes.completion(answer));
                }
            } else if (stream) {
                stream(exchange, "application/x-ndjson", WireShapes.ollamaChatLines(answer, 16));
            } else {
                send(exchange, 200, WireShapes.ollamaChat(answer));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"code\":500,\"message\":\"test server: " + e + "\"}}");
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A chunked answer, flushed event by event as a generating server does. */
    private static void stream(HttpExchange exchange, String contentType, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
