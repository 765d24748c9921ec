package dev.longhaul.backend.ollama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.http.HttpTransport;
import dev.longhaul.backend.http.JsonResponse;
import dev.longhaul.backend.http.StreamFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Talks to an Ollama server's {@code POST /api/chat}, streamed (NDJSON, the default, so that the time to first
 * token is measured) or not (option {@link dev.longhaul.backend.http.HttpOptions#STREAM} false).
 *
 * <p>Every request carries {@code options.num_ctx} ({@link BackendConfig#contextSize()}, default 8192 as in the
 * seed) and, only when set, {@code temperature}, {@code seed} and {@code num_predict} (from
 * {@link BackendConfig#maxTokens()}). Ollama's figures ({@code eval_count}, durations, its own tokens per second)
 * go to {@link ChatResponse#extra()}; the stats hold what this client measured (see {@link OllamaFigures}).
 *
 * <p>Failures: a model the server has not pulled is {@link Kind#MODEL_NOT_FOUND} with the {@code ollama pull}
 * command to fix it; an {@code {"error": …}} line in a stream is {@link Kind#SERVER_ERROR}; a stream without its
 * final object is {@link Kind#CONNECTION_LOST}; a line that is not an Ollama object is {@link Kind#BAD_RESPONSE}.
 * Transient failures are retried by the {@link HttpTransport}.
 *
 * <p>Ollama does not reject a prompt longer than {@code num_ctx}: it drops the oldest messages. This backend logs a
 * warning when a prompt fills 90% of the window, and records {@code num_ctx} and {@code prompt_eval_count} with
 * every answer so that a report can show it.
 */
public final class OllamaBackend implements Backend {

    private static final Logger log = LoggerFactory.getLogger(OllamaBackend.class);
    private static final String CHAT = "/api/chat";
    private static final double CONTEXT_PRESSURE = 0.9;

    private final OllamaSettings settings;
    private final HttpTransport chatTransport;
    private final HttpTransport infoTransport;
    private final OllamaChatRequestWriter writer;
    private final OllamaChatLineReader reader;
    private boolean warnedOfContextPressure;

    /**
     * @param settings      what to send
     * @param chatTransport carries the chat requests, with the config's retries
     * @param infoTransport carries the info requests; without retries, so an unreachable server does not delay a run
     */
    OllamaBackend(OllamaSettings settings, HttpTransport chatTransport, HttpTransport infoTransport) {
        ObjectMapper json = new ObjectMapper();
        this.settings = settings;
        this.chatTransport = chatTransport;
        this.infoTransport = infoTransport;
        this.writer = new OllamaChatRequestWriter(json, settings);
        this.reader = new OllamaChatLineReader(json);
    }

    /**
     * Creates a backend from a config; contacts no server.
     *
     * @param config the settings; a model is required
     * @return the backend
     * @throws BackendException {@link Kind#CONFIGURATION} when the model is missing or an API key variable is unset
     */
    public static OllamaBackend create(BackendConfig config) throws BackendException {
        OllamaSettings settings = OllamaSettings.from(config);
        HttpTransport.Builder transport = HttpTransport.builder(config, settings.baseUrl())
                .errorClassifier(new OllamaErrorClassifier());
        HttpTransport chat = transport.build();
        HttpTransport info = transport.maxRetries(0).build();
        return new OllamaBackend(settings, chat, info);
    }

    /** @return the settings every turn is sent with */
    public OllamaSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        ObjectNode body = writer.write(request);
        ChatResponse response;
        try {
            response = settings.stream() ? streamed(body) : whole(body);
        } catch (BackendException e) {
            throw e.kind() == Kind.MODEL_NOT_FOUND ? modelNotFound(e) : e;
        }
        checkContextPressure(response);
        return response;
    }

    private ChatResponse streamed(ObjectNode body) throws BackendException {
        return chatTransport.postStream(CHAT, body, StreamFormat.NDJSON,
                () -> new OllamaStreamSink(reader, settings.numCtx())).value();
    }

    private ChatResponse whole(ObjectNode body) throws BackendException {
        JsonResponse response = chatTransport.postJson(CHAT, body);
        OllamaAnswerAssembler answer = new OllamaAnswerAssembler(settings.numCtx(), false);
        try {
            answer.accept(reader.read(response.body(), response.body().toString()), response.elapsed());
            return answer.finish(response.elapsed());
        } catch (BackendException e) {
            throw new BackendException(e.kind(), chatTransport.serverName() + " at " + settings.endpoint(CHAT)
                    + ": " + e.getMessage(), response.attempts(), e.getCause());
        }
    }

    private BackendException modelNotFound(BackendException e) {
        return new BackendException(Kind.MODEL_NOT_FOUND, "model '" + settings.model() + "' not found on Ollama at "
                + settings.baseUrl() + " (pull it with `ollama pull " + settings.model() + "`)", e.attempts(),
                e.getCause());
    }

    private void checkContextPressure(ChatResponse response) {
        Integer prompt = response.stats().promptTokens();
        if (prompt == null || prompt < CONTEXT_PRESSURE * settings.numCtx()) {
            return;
        }
        if (!warnedOfContextPressure) {
            warnedOfContextPressure = true;
            log.warn("the prompt filled {} of num_ctx {} tokens; Ollama silently drops the oldest messages of a "
                    + "longer prompt (raise the context size to avoid it)", prompt, settings.numCtx());
        } else {
            log.debug("the prompt filled {} of num_ctx {} tokens", prompt, settings.numCtx());
        }
    }

    /**
     * Asks the server for its version ({@code GET /api/version}) and the model's facts ({@code POST /api/show}).
     * Either may fail (an older server, a proxy, the server down): the info then has what is known without them.
     */
    @Override
    public BackendInfo info() {
        OllamaModelFacts facts = new OllamaModelFacts(settings);
        try {
            infoTransport.getJson("/api/version").ifPresent(v -> facts.serverVersion(v.body().path("version")
                    .asText(null)));
            facts.show(infoTransport.postJson("/api/show", Map.of("model", settings.model())).body());
        } catch (BackendException e) {
            log.warn("no model facts from Ollama at {}: {}", settings.baseUrl(), e.getMessage());
        }
        Integer trained = facts.modelContextLength();
        if (trained != null && settings.numCtx() > trained) {
            log.warn("num_ctx {} is larger than the {} tokens model '{}' was trained for", settings.numCtx(), trained,
                    settings.model());
        }
        return facts.toInfo();
    }

    @Override
    public void close() {
        chatTransport.close();
        infoTransport.close();
    }

    @Override
    public String toString() {
        return "OllamaBackend{" + settings.baseUrl() + ", model=" + settings.model() + "}";
    }
}
