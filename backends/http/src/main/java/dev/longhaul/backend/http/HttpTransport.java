package dev.longhaul.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.session.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's HTTP connection to its server: a single {@link HttpClient} (HTTP/1.1, so the keep-alive connection
 * is reused from turn to turn) with a timeout, bounded retries and error mapping.
 *
 * <p><b>Timeout.</b> {@link BackendConfig#timeout()} bounds every wait without progress: until the response headers
 * arrive, and then between two advances of the answer — a stream event whose sink's {@link StreamSink#progress()}
 * grew (answer text, not a keep-alive comment or an empty delta), or another {@value Progress#MIN_BODY_BYTES}
 * bytes of a whole body (a body trickled more slowly does not count). A streamed answer may take longer in all as
 * long as tokens keep coming, but no request takes longer than {@link HttpOptions#MAX_REQUEST_TIME} (default
 * {@value HttpOptions#DEFAULT_MAX_REQUEST_TIMEOUTS} × the timeout). Either is {@link Kind#TIMEOUT} and is not
 * retried.
 *
 * <p><b>Retries.</b> Up to {@link HttpOptions#MAX_RETRIES} retries, waiting as {@link RetryPolicy} says, for:
 * refused or failed connections ({@link Kind#UNREACHABLE}), connections closed or reset before the whole answer
 * arrived ({@link Kind#CONNECTION_LOST}), HTTP 5xx and 429 ({@link Kind#SERVER_ERROR}; {@code Retry-After} is
 * honoured, capped), and transient failures a {@link StreamSink} reports. Other 4xx answers are never retried; their
 * kind comes from the backend's {@link ErrorClassifier}.
 *
 * <p><b>Errors.</b> Every failure is a {@link BackendException} with one line naming the server and URL and saying
 * what happened: unreachable, HTTP status with the server's own error message, a body that is not JSON (with its
 * first 200 bytes escaped), invalid UTF-8, or the timeout in seconds. The API key is sent only as an
 * {@code Authorization: Bearer} header and is removed from anything the server echoes back; URLs are shown without
 * user info.
 *
 * <p><b>Logging</b> (slf4j, logger {@code dev.longhaul.backend.http.HttpTransport}): one debug line per attempt,
 * one warn line per retry.
 *
 * <p>Instances are thread-safe; {@link #close()} releases the client's threads.
 */
public final class HttpTransport implements AutoCloseable {

    /** The largest successful body read whole (64 MiB). */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** How much of an error body is kept for the message (64 KiB). */
    public static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final String serverName;
    private final URI baseUrl;
    private final Duration timeout;
    private final Duration maxRequestTime;
    private final Duration connectTimeout;
    private final int maxRetries;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final ErrorClassifier classifier;
    private final String authorization;
    private final SecretRedactor redactor;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService executor;
    private final HttpClient client;

    private HttpTransport(Builder b) {
        this.serverName = b.serverName;
        this.baseUrl = b.baseUrl;
        this.timeout = b.timeout;
        this.maxRequestTime = b.maxRequestTime != null ? b.maxRequestTime
                : b.timeout.multipliedBy(HttpOptions.DEFAULT_MAX_REQUEST_TIMEOUTS);
        this.connectTimeout = b.connectTimeout;
        this.maxRetries = b.maxRetries;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.jitter = b.jitter;
        this.classifier = b.classifier;
        this.authorization = b.bearerToken == null ? null : "Bearer " + b.bearerToken;
        this.redactor = new SecretRedactor(b.bearerToken);
        int id = CLIENT_IDS.incrementAndGet();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "longhaul-http-" + id);
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Starts a transport with the defaults of {@link HttpOptions} (timeouts, retries), no API key.
     *
     * @param serverName what to call the server in messages, for example {@code llama-server}
     * @param baseUrl    the server's base URL; request paths are appended to it
     * @return a builder
     * @throws IllegalArgumentException when the server name is blank or the URL is not an absolute http(s) URL
     */
    public static Builder builder(String serverName, URI baseUrl) {
        return new Builder(serverName, baseUrl);
    }

    /**
     * Starts a transport from a backend's config: base URL (or the default), timeout, and the {@link HttpOptions}
     * (connect timeout, longest request, retries, and the API key read through {@link BackendConfig#environment()}
     * from the variable {@link HttpOptions#API_KEY_ENV} names). The server is called by the config's provider name
     * in messages.
     *
     * @param config         the backend's settings
     * @param defaultBaseUrl the URL when the config sets none
     * @return a builder
     * @throws BackendException ({@link Kind#CONFIGURATION}) when an API key variable is named but not set, or an
     *                          option's text does not read as a value
     */
    public static Builder builder(BackendConfig config, URI defaultBaseUrl) throws BackendException {
        Builder b = new Builder(config.provider(), config.baseUrl().orElse(defaultBaseUrl))
                .timeout(config.timeout())
                .maxRequestTime(HttpOptions.maxRequestTime(config))
                .connectTimeout(HttpOptions.read(config, HttpOptions.CONNECT_TIMEOUT)
                        .orElse(HttpOptions.DEFAULT_CONNECT_TIMEOUT))
                .maxRetries(HttpOptions.read(config, HttpOptions.MAX_RETRIES).orElse(HttpOptions.DEFAULT_MAX_RETRIES));
        Optional<String> env = HttpOptions.read(config, HttpOptions.API_KEY_ENV);
        if (env.isPresent()) {
            String key = config.environment().apply(env.get());
            if (key == null || key.isBlank()) {
                throw new BackendException(Kind.CONFIGURATION, "API key variable " + env.get()
                        + " (named by the api key env setting) is not set or empty");
            }
            b.bearerToken(key.strip());
        }
        return b;
    }

    /** @return the server's base URL */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return what the server is called in messages */
    public String serverName() {
        return serverName;
    }

    /**
     * POSTs a JSON body and reads a whole JSON answer, retrying transient failures.
     *
     * @param path the path below the base URL, starting with {@code /}
     * @param body a Jackson-serialisable value (a {@link JsonNode}, map or record), sent as compact UTF-8 JSON
     * @return the 2xx answer
     * @throws BackendException when no 2xx JSON answer could be had
     */
    public JsonResponse postJson(String path, Object body) throws BackendException {
        URI uri = resolve(path);
        byte[] payload = serialise(body, uri);
        return withRetries("POST", uri, () -> {
            Exchange.Answer answer = exchange("POST", uri, payload, null, null);
            if (!answer.isSuccess()) {
                throw httpFailure("POST", uri, answer);
            }
            return parseJson(uri, answer);
        }, (r, attempts) -> new JsonResponse(r.status(), r.body(), r.elapsed(), attempts));
    }

    /**
     * GETs a JSON document; a 404 (or 405) answer means the server does not have that endpoint.
     *
     * @param path the path below the base URL, starting with {@code /}
     * @return the 2xx answer, or empty when the server answered 404 or 405
     * @throws BackendException when the server could not be asked, or answered another error
     */
    public Optional<JsonResponse> getJson(String path) throws BackendException {
        URI uri = resolve(path);
        return withRetries("GET", uri, () -> {
            Exchange.Answer answer = exchange("GET", uri, null, null, null);
            if (answer.status() == 404 || answer.status() == 405) {
                return Optional.<JsonResponse>empty();
            }
            if (!answer.isSuccess()) {
                throw httpFailure("GET", uri, answer);
            }
            return Optional.of(parseJson(uri, answer));
        }, (r, attempts) -> r.map(j -> new JsonResponse(j.status(), j.body(), j.elapsed(), attempts)));
    }

    /**
     * POSTs a JSON body and reads a streamed answer event by event, retrying transient failures (also when the
     * stream breaks midway: the next attempt starts again with a new sink).
     *
     * @param path   the path below the base URL, starting with {@code /}
     * @param body   a Jackson-serialisable value, sent as compact UTF-8 JSON
     * @param format how the 2xx body is framed; a non-2xx body is read whole as an error
     * @param sinks  makes a fresh sink for each attempt
     * @param <R>    what the sink builds
     * @return the sink's result
     * @throws BackendException when no whole 2xx stream could be had, or the sink rejected it
     */
    public <R> StreamResponse<R> postStream(String path, Object body, StreamFormat format,
                                            Supplier<? extends StreamSink<R>> sinks) throws BackendException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sinks, "sinks");
        URI uri = resolve(path);
        byte[] payload = serialise(body, uri);
        return withRetries("POST", uri, () -> {
            StreamSink<R> sink = sinks.get();
            Exchange.Answer answer = exchange("POST", uri, payload, format, sink);
            if (!answer.isSuccess()) {
                throw httpFailure("POST", uri, answer);
            }
            R value;
            try {
                value = sink.complete(answer.elapsed());
            } catch (BackendException e) {
                throw AttemptFailure.of(redacted(e, where(uri) + ": " + e.getMessage()));
            }
            return new StreamResponse<>(value, answer.status(), answer.elapsed(), 1);
        }, (r, attempts) -> new StreamResponse<>(r.value(), r.status(), r.elapsed(), attempts));
    }

    /** Releases the client's threads; open connections close when the client is collected. Never throws. */
    @Override
    public void close() {
        executor.shutdown();
    }

    // ---- one request, with retries ----

    private interface Attempt<T> {
        T run() throws AttemptFailure;
    }

    private interface WithAttempts<T> {
        T apply(T result, int attempts);
    }

    private <T> T withRetries(String method, URI uri, Attempt<T> attempt, WithAttempts<T> stamp)
            throws BackendException {
        int total = maxRetries + 1;
        for (int n = 1; ; n++) {
            log.debug("{} {} (attempt {}/{})", method, displayUri(uri), n, total);
            try {
                return stamp.apply(attempt.run(), n);
            } catch (AttemptFailure f) {
                BackendException failure = f.failure();
                if (!f.retryable() || n >= total) {
                    String message = n > 1 ? failure.getMessage() + " (gave up after " + n + " attempts)"
                            : failure.getMessage();
                    throw new BackendException(failure.kind(), message, n, failure.getCause());
                }
                Duration delay = f.retryAfter().isPresent() ? retryPolicy.retryAfter(f.retryAfter().get())
                        : retryPolicy.backoff(n, jitter.getAsDouble());
                log.warn("{}; retry {}/{} in {} ms", failure.getMessage(), n, maxRetries, delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendException(Kind.INTERRUPTED, "interrupted while waiting to retry "
                            + where(uri), n, e);
                }
            }
        }
    }

    private Exchange.Answer exchange(String method, URI uri, byte[] body, StreamFormat format, StreamSink<?> sink)
            throws AttemptFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", format == null ? "application/json" : format.mediaType());
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Exchange(client, timeout, maxRequestTime, format, sink, MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES)
                .run(request.build(), failureMessages(uri));
    }

    // ---- answers and failures ----

    private JsonResponse parseJson(URI uri, Exchange.Answer answer) throws AttemptFailure {
        byte[] bytes = answer.body();
        if (answer.truncated()) {
            throw AttemptFailure.of(new BackendException(Kind.BAD_RESPONSE, where(uri)
                    + " sent a body larger than " + MAX_BODY_BYTES + " bytes"));
        }
        if (bytes.length == 0) {
            throw AttemptFailure.of(new BackendException(Kind.BAD_RESPONSE, where(uri) + " sent an empty body"));
        }
        String text;
        try {
            text = Utf8.decode(bytes, bytes.length);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw AttemptFailure.of(new BackendException(Kind.BAD_RESPONSE, where(uri)
                    + " sent a body that is not valid UTF-8: " + redactor.redact(BodyExcerpt.of(bytes))));
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new java.io.IOException("no JSON value");
            }
            return new JsonResponse(answer.status(), node, answer.elapsed(), 1);
        } catch (java.io.IOException e) {
            throw AttemptFailure.of(new BackendException(Kind.BAD_RESPONSE, where(uri)
                    + " sent a body that is not JSON: " + redactor.redact(BodyExcerpt.of(bytes))));
        }
    }

    private AttemptFailure httpFailure(String method, URI uri, Exchange.Answer answer) {
        int status = answer.status();
        JsonNode body = ServerErrorMessage.parse(json, answer.body());
        String serverMessage = redactor.redact(ServerErrorMessage.of(body, answer.body()));
        HttpErrorResponse error = new HttpErrorResponse(method, uri, status, serverMessage, body);
        boolean transientStatus = status == 429 || status >= 500;
        Kind kind = transientStatus ? Kind.SERVER_ERROR : classifier.classify(error);
        String message = where(uri) + " answered HTTP " + status + (serverMessage.isEmpty() ? "" : ": "
                + serverMessage);
        Optional<Duration> retryAfter = transientStatus
                ? answer.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock))
                : Optional.empty();
        return new AttemptFailure(new BackendException(kind, message), transientStatus, retryAfter);
    }

    private TransportFailures failureMessages(URI uri) {
        return new TransportFailures(serverName, displayUri(uri), timeout, connectTimeout, redactor);
    }

    private BackendException redacted(BackendException e, String message) {
        return new BackendException(e.kind(), redactor.redact(message), 1, e.getCause());
    }

    private byte[] serialise(Object body, URI uri) throws BackendException {
        try {
            return json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BackendException(Kind.CONFIGURATION, "request body for " + where(uri)
                    + " cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private URI resolve(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("request path '" + path + "' must start with '/'");
        }
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    private String where(URI uri) {
        return serverName + " at " + displayUri(uri);
    }

    /** The URI without user info, which may hold a password. */
    static String displayUri(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Configures an {@link HttpTransport}. */
    public static final class Builder {
        private final String serverName;
        private final URI baseUrl;
        private Duration timeout = BackendConfig.DEFAULT_TIMEOUT;
        private Duration maxRequestTime;
        private Duration connectTimeout = HttpOptions.DEFAULT_CONNECT_TIMEOUT;
        private int maxRetries = HttpOptions.DEFAULT_MAX_RETRIES;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private ErrorClassifier classifier = ErrorClassifier.DEFAULT;
        private String bearerToken;

        private Builder(String serverName, URI baseUrl) {
            if (serverName == null || serverName.isBlank()) {
                throw new IllegalArgumentException("server name must not be empty");
            }
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("url '" + displayUri(baseUrl)
                        + "' must be an absolute http:// or https:// URL");
            }
            this.serverName = serverName;
            this.baseUrl = baseUrl;
        }

        /**
         * @param timeout the longest wait without progress, positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * @param maxRequestTime the longest one request may take in all, progress or not, positive (default
         *                       {@value HttpOptions#DEFAULT_MAX_REQUEST_TIMEOUTS} × the timeout)
         * @return this builder
         */
        public Builder maxRequestTime(Duration maxRequestTime) {
            this.maxRequestTime = positive(maxRequestTime, "max request time");
            return this;
        }

        /**
         * @param connectTimeout the longest wait for a TCP connection, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connect timeout");
            return this;
        }

        /**
         * @param maxRetries retries after the first attempt, not negative
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("max retries " + maxRetries + " must not be negative");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * @param retryPolicy the delays between retries
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * @param sleeper how to wait between retries (tests inject a recording one)
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param clock the wall clock an HTTP-date {@code Retry-After} is measured against
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param jitter numbers in [0, 1) that pick each backoff within its jitter range
         * @return this builder
         */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * @param classifier what 4xx answers mean for this API
         * @return this builder
         */
        public Builder errorClassifier(ErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * @param token the API key to send as {@code Authorization: Bearer}, or null for none; never logged
         * @return this builder
         */
        public Builder bearerToken(String token) {
            this.bearerToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** @return the transport */
        public HttpTransport build() {
            return new HttpTransport(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " " + d + " must be positive");
            }
            return d;
        }
    }
}
