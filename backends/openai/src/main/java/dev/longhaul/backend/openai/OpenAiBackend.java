package dev.longhaul.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.BackendInfo;
import dev.longhaul.backend.ChatRequest;
import dev.longhaul.backend.ChatResponse;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.backend.http.HttpTransport;
import dev.longhaul.backend.http.JsonResponse;
import dev.longhaul.backend.http.StreamFormat;
import dev.longhaul.backend.http.StreamResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat backend on an OpenAI-compatible server: {@code POST /v1/chat/completions} with {@code model},
 * {@code messages}, {@code temperature} (default 0.7), {@code max_tokens} (default 2048) and {@code seed} when set.
 *
 * <p><b>Streaming</b> is the default ({@code stream: true} with {@code stream_options.include_usage}, read as
 * Server-Sent Events), so that the time to the first token can be measured; the option
 * {@link dev.longhaul.backend.http.HttpOptions#STREAM} false asks for one JSON answer, as the Python seed did.
 *
 * <p><b>Stats.</b> {@link GenerationStats#elapsed()} is the wall time of the (successful) request;
 * {@code timeToFirstToken} is the time until the first generated text arrived (streaming only);
 * {@code tokensPerSecond} is measured on our side: when streaming, the tokens after the first divided by the time
 * between the first and the last generated text ({@code (completion_tokens - 1) / (t_last - t_first)}), which is the
 * decode speed without prompt processing; when not streaming, {@code completion_tokens / elapsed}, a lower bound
 * that includes prompt processing. Token counts come from {@code usage}; {@code cachedPromptTokens} from
 * {@code usage.prompt_tokens_details.cached_tokens} (or llama-server's {@code timings.cache_n}).
 *
 * <p><b>Extra figures</b> ({@link ChatResponse#extra()}): llama-server's {@code timings} as {@code server_cache_n},
 * {@code server_prompt_n}, {@code server_prompt_ms}, {@code server_prompt_per_second}, {@code server_predicted_n},
 * {@code server_predicted_ms}, {@code server_predicted_per_second}; with the {@code logprobs} option
 * {@code logprob_tokens}, {@code logprob_mean}, {@code logprob_min}; always {@code http_attempts}.
 *
 * <p><b>Errors.</b> A conversation longer than the server's context is {@link Kind#CONTEXT_EXCEEDED} (the message
 * quotes the server, e.g. "request (1441 tokens) exceeds the available context size (512 tokens)"); an unknown model
 * is {@link Kind#MODEL_NOT_FOUND}; 5xx, 429 and 503 "Loading model" are {@link Kind#SERVER_ERROR}, retried by the
 * transport; other 4xx are {@link Kind#REJECTED}. A {@code finish_reason} of {@code length} is recorded, not an error.
 */
public final class OpenAiBackend implements Backend {

    /** Where llama-server listens by default. */
    public static final URI DEFAULT_URL = URI.create("http://localhost:8080");
    /** The chat endpoint below the base URL. */
    public static final String CHAT_PATH = "/v1/chat/completions";

    private static final Logger log = LoggerFactory.getLogger(OpenAiBackend.class);

    private final BackendConfig config;
    private final boolean modelRequired;
    private final HttpTransport transport;
    private final ObjectMapper json = new ObjectMapper();
    private CompletionSettings settings;

    private OpenAiBackend(BackendConfig config, boolean modelRequired, CompletionSettings settings,
                          HttpTransport transport) {
        this.config = config;
        this.modelRequired = modelRequired;
        this.settings = settings;
        this.transport = transport;
    }

    /**
     * Creates a backend without contacting the server.
     *
     * @param config        the settings; a base URL ending in {@code /v1} is accepted (the suffix is dropped)
     * @param modelRequired whether the server needs a model name; when the config has none, the first chat asks
     *                      {@code GET /v1/models} and uses the only model listed
     * @return the backend
     * @throws BackendException ({@link Kind#CONFIGURATION}) for bad options or an unset API key variable
     */
    public static OpenAiBackend create(BackendConfig config, boolean modelRequired) throws BackendException {
        return create(config, modelRequired, UnaryOperator.identity());
    }

    /** As {@link #create(BackendConfig, boolean)}, letting tests adjust the transport (sleeper, clock). */
    static OpenAiBackend create(BackendConfig config, boolean modelRequired,
                                UnaryOperator<HttpTransport.Builder> tune) throws BackendException {
        BackendConfig normalised = config.baseUrl().map(OpenAiBackend::withoutV1Suffix)
                .map(u -> config.newBuilder().baseUrl(u).build()).orElse(config);
        CompletionSettings settings = CompletionSettings.from(normalised);
        HttpTransport transport = tune.apply(HttpTransport.builder(normalised, DEFAULT_URL)
                .errorClassifier(new OpenAiErrors())).build();
        return new OpenAiBackend(normalised, modelRequired, settings, transport);
    }

    @Override
    public ChatResponse chat(ChatRequest request) throws BackendException {
        resolveModel();
        ObjectNode body = ChatCompletionBody.of(request, settings);
        Completion completion;
        Duration elapsed;
        int attempts;
        boolean streamed = settings.stream();
        if (streamed) {
            StreamResponse<Completion> r = transport.postStream(CHAT_PATH, body, StreamFormat.SSE,
                    () -> new CompletionStream(json));
            completion = r.value();
            elapsed = r.elapsed();
            attempts = r.attempts();
        } else {
            JsonResponse r = transport.postJson(CHAT_PATH, body);
            try {
                completion = CompletionParser.parse(r.body());
            } catch (BackendException e) {
                throw new BackendException(e.kind(), where() + ": " + e.getMessage(), r.attempts(), e.getCause());
            }
            elapsed = r.elapsed();
            attempts = r.attempts();
        }
        GenerationStats stats = stats(completion, elapsed);
        Map<String, Object> extra = new LinkedHashMap<>(ServerTimings.extra(completion.timings()));
        extra.putAll(completion.logprobs().extra());
        extra.put("http_attempts", attempts);
        if ("length".equals(completion.finishReason())) {
            log.debug("answer stopped at the token limit (finish_reason length) after {} tokens",
                    completion.usage().completionTokens());
        }
        log.debug("answer: {} chars, {} completion tokens, {} cached prompt tokens, {} ms, ttft {} ms",
                completion.content().length(), stats.completionTokens(), stats.cachedPromptTokens(),
                elapsed.toMillis(), stats.timeToFirstToken() == null ? "-" : stats.timeToFirstToken().toMillis());
        return new ChatResponse(completion.content(), completion.finishReason(), stats, extra);
    }

    /** Stats of one answer; see the class comment for how tokens per second are measured. */
    static GenerationStats stats(Completion c, Duration elapsed) {
        Usage u = c.usage();
        Double tokensPerSecond = null;
        Integer n = u.completionTokens();
        if (n != null && c.firstToken() != null && c.lastToken() != null) {
            long spanNanos = c.lastToken().minus(c.firstToken()).toNanos();
            if (n >= 2 && spanNanos > 0) {
                tokensPerSecond = (n - 1) / (spanNanos / 1e9);
            }
        } else if (n != null && n > 0 && !elapsed.isZero()) {
            tokensPerSecond = n / (elapsed.toNanos() / 1e9);
        }
        return new GenerationStats(u.promptTokens(), u.cachedTokens(), n, elapsed, c.firstToken(), tokensPerSecond);
    }

    @Override
    public BackendInfo info() {
        return ServerFacts.gather(transport, config, settings);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Finds the model to name when the server needs one and the config gave none. */
    private void resolveModel() throws BackendException {
        if (!modelRequired || settings.model() != null) {
            return;
        }
        Optional<JsonResponse> models = transport.getJson("/v1/models");
        JsonNode data = models.map(m -> m.body().path("data")).orElse(null);
        JsonNode only = data == null ? null : ServerFacts.pick(data, null);
        if (only == null || !only.path("id").isTextual()) {
            List<String> ids = new ArrayList<>();
            if (data != null && data.isArray()) {
                for (int i = 0; i < data.size() && i < 5; i++) {
                    ids.add(data.get(i).path("id").asText("?"));
                }
            }
            throw new BackendException(Kind.CONFIGURATION, "backend " + config.provider()
                    + " needs a model name: " + where() + " lists "
                    + (ids.isEmpty() ? "no models" : (data.size() + " models (" + String.join(", ", ids)
                    + (data.size() > 5 ? ", ..." : "") + ")")) + "; choose one");
        }
        String id = only.path("id").asText();
        log.info("no model configured; using the server's only model '{}'", id);
        settings = new CompletionSettings(id, settings.temperature(), settings.maxTokens(), settings.seed(),
                settings.stream(), settings.logprobs(), settings.topLogprobs(), settings.serverLog());
    }

    private String where() {
        return transport.serverName() + " at " + transport.baseUrl();
    }

    /** The connection, for llama-server's own endpoints ({@link LlamaServerBackend}). */
    HttpTransport transport() {
        return transport;
    }

    /** {@code https://api.openai.com/v1} and {@code …/v1/} mean the server {@code https://api.openai.com}. */
    static URI withoutV1Suffix(URI url) {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/v1")) {
            s = s.substring(0, s.length() - 3);
        }
        return URI.create(s);
    }
}
