package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.BackendOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The options of the HTTP backends ({@code ollama}, {@code openai}, {@code llama-server}), read by
 * {@link HttpTransport#builder(BackendConfig, java.net.URI)} and the backends: set them with
 * {@code BackendConfig.Builder.option(HttpOptions.MAX_RETRIES, 5)} or {@code --backend-option max_retries=5}.
 */
public final class HttpOptions {

    /** Retries after the first attempt for transient failures, by default. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** How long to wait for a TCP connection, by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest a request may take in all, by default: this many times {@link BackendConfig#timeout()}. */
    public static final int DEFAULT_MAX_REQUEST_TIMEOUTS = 10;

    /** Whether to stream answers (which measures the time to first token); on unless set false. */
    public static final BackendOption<Boolean> STREAM = BackendOption.flag("stream",
            "whether to stream answers, which measures the time to first token: true (default) or false");

    /** The name of the environment variable holding an API key, sent as {@code Authorization: Bearer}. */
    public static final BackendOption<String> API_KEY_ENV = BackendOption.text("api_key_env",
            "the environment variable holding an API key, sent as 'Authorization: Bearer' (default: none)");

    /** Retries after the first attempt for refused or lost connections, 5xx and 429 answers. */
    public static final BackendOption<Integer> MAX_RETRIES = BackendOption.integer("max_retries",
            "retries after the first attempt for transient failures, 0 to 20 (default " + DEFAULT_MAX_RETRIES + ")",
            0, 20);

    /** How long to wait for a TCP connection. */
    public static final BackendOption<Duration> CONNECT_TIMEOUT = BackendOption.millis("connect_timeout_ms",
            "how long to wait for a TCP connection, in milliseconds (default 10000)");

    /** The longest one request may take in all, even while tokens keep coming. */
    public static final BackendOption<Duration> MAX_REQUEST_TIME = BackendOption.millis("max_request_ms",
            "the longest one request may take in all, in milliseconds (default " + DEFAULT_MAX_REQUEST_TIMEOUTS
                    + " x the timeout)");

    /** Every HTTP option, in the order messages list them. */
    public static final List<BackendOption<?>> ALL =
            List.of(STREAM, API_KEY_ENV, MAX_RETRIES, CONNECT_TIMEOUT, MAX_REQUEST_TIME);

    private HttpOptions() {
    }

    /**
     * @param config a backend's config
     * @return the longest one request may take: {@link #MAX_REQUEST_TIME} as set, else
     *         {@value #DEFAULT_MAX_REQUEST_TIMEOUTS} × the timeout
     * @throws BackendException ({@link Kind#CONFIGURATION}) when the option's text is not a duration
     */
    public static Duration maxRequestTime(BackendConfig config) throws BackendException {
        return read(config, MAX_REQUEST_TIME)
                .orElse(config.timeout().multipliedBy(DEFAULT_MAX_REQUEST_TIMEOUTS));
    }

    /**
     * An option of an HTTP backend, its text checked.
     *
     * @param config the backend's config
     * @param option the option
     * @param <T>    its type
     * @return its value, if set
     * @throws BackendException ({@link Kind#CONFIGURATION}) {@code option NAME 'TEXT' must be …} when its text does
     *                          not read as a value
     */
    public static <T> Optional<T> read(BackendConfig config, BackendOption<T> option) throws BackendException {
        try {
            return config.option(option);
        } catch (IllegalArgumentException e) {
            throw new BackendException(Kind.CONFIGURATION, "option " + option.name() + " '"
                    + config.option(option.name()).orElse("") + "' " + e.getMessage());
        }
    }
}
