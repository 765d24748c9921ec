package dev.longhaul.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Settings a {@link BackendProvider} creates a {@link Backend} from: the few every backend shares — provider, model,
 * URL, KV cache type, sampling (temperature, sampling seed, max tokens), context size and timeout — and options that
 * one backend module owns and documents ({@code LlamaCppOptions}, {@code HttpOptions}, {@code OpenAiOptions}), held
 * as text by name and read back typed through their {@link BackendOption} keys. Immutable; build one with
 * {@link #builder(String)} and derive variants with {@link #newBuilder()}.
 *
 * <p>Unset optional values mean "the backend's default" (each backend documents its defaults; for example the
 * OpenAI-compatible backend uses the Python seed tool's temperature 0.7 and max_tokens 2048). Secrets are never
 * held here: an API key is only named, by the environment variable that holds it, and the backend reads it through
 * {@link #environment()}.
 */
public final class BackendConfig {

    /** The Python seed tool's per-turn timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final String provider;
    private final String model;
    private final URI baseUrl;
    private final String kvType;
    private final Duration timeout;
    private final Double temperature;
    private final Long seed;
    private final Integer maxTokens;
    private final Integer contextSize;
    private final Map<String, String> options;
    private final UnaryOperator<String> environment;

    private BackendConfig(Builder b) {
        this.provider = b.provider;
        this.model = b.model;
        this.baseUrl = b.baseUrl;
        this.kvType = b.kvType;
        this.timeout = b.timeout;
        this.temperature = b.temperature;
        this.seed = b.seed;
        this.maxTokens = b.maxTokens;
        this.contextSize = b.contextSize;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.environment = b.environment;
    }

    /**
     * Starts a config for the named provider.
     *
     * @param provider the provider name as {@link BackendProvider#name()} gives it
     * @return a builder with every other setting at its default
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** @return a builder holding this config's values, to derive a variant */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** @return the provider name */
    public String provider() {
        return provider;
    }

    /** @return the model name to request, if set */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** @return the server's base URL, if set (otherwise the provider's default) */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * The KV cache type. For server backends it is a label the user vouches for; a backend that can apply it (the
     * embedded llama.cpp backend) does, and reports what it applied in {@link BackendInfo#kvType()}.
     *
     * @return the KV cache type, {@code f16} by default
     */
    public String kvType() {
        return kvType;
    }

    /**
     * @return the per-request timeout (the Python seed tool's default is 120 s): the longest wait without
     *         progress — an answer token, or body bytes at a useful rate
     */
    public Duration timeout() {
        return timeout;
    }

    /** @return the sampling temperature, if set */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** @return the sampling seed (of the backend's random number generator), if set */
    public Optional<Long> seed() {
        return Optional.ofNullable(seed);
    }

    /** @return the maximum number of tokens to generate per turn, if set */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /** @return the context window in tokens, if set */
    public Optional<Integer> contextSize() {
        return Optional.ofNullable(contextSize);
    }

    /** @return every backend-specific option as its text, by name, in the order given */
    public Map<String, String> options() {
        return options;
    }

    /**
     * A backend-specific option as text, for example one given on the command line.
     *
     * @param name the option name
     * @return its text, if set
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * A backend-specific option, typed.
     *
     * @param option the option's key, from the module that owns it
     * @param <T>    its type
     * @return its value, if set
     * @throws IllegalArgumentException saying what the option's text must be (without its name) when the text does
     *                                  not read as a value; the backend turns this into its configuration error
     */
    public <T> Optional<T> option(BackendOption<T> option) {
        return option(option.name()).map(option::parse);
    }

    /** @return the environment lookup a backend reads a named API key through ({@link System#getenv} by default) */
    public UnaryOperator<String> environment() {
        return environment;
    }

    /** Never contains a secret: an API key is only named by its variable. */
    @Override
    public String toString() {
        return "BackendConfig{provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl
                + ", kvType=" + kvType + ", timeout=" + timeout + ", temperature=" + temperature + ", seed=" + seed
                + ", maxTokens=" + maxTokens + ", contextSize=" + contextSize + ", options=" + options.keySet() + "}";
    }

    /** Builds a {@link BackendConfig}; validates each value as it is set. */
    public static final class Builder {
        private String provider;
        private String model;
        private URI baseUrl;
        private String kvType = "f16";
        private Duration timeout = DEFAULT_TIMEOUT;
        private Double temperature;
        private Long seed;
        private Integer maxTokens;
        private Integer contextSize;
        private final Map<String, String> options = new LinkedHashMap<>();
        private UnaryOperator<String> environment = System::getenv;

        private Builder(String provider) {
            provider(provider);
        }

        private Builder(BackendConfig c) {
            this.provider = c.provider;
            this.model = c.model;
            this.baseUrl = c.baseUrl;
            this.kvType = c.kvType;
            this.timeout = c.timeout;
            this.temperature = c.temperature;
            this.seed = c.seed;
            this.maxTokens = c.maxTokens;
            this.contextSize = c.contextSize;
            this.options.putAll(c.options);
            this.environment = c.environment;
        }

        /**
         * @param provider the provider name as {@link BackendProvider#name()} gives it; an unknown name is only
         *                 refused when a backend is created from the config
         * @return this builder
         * @throws IllegalArgumentException when it is null or blank
         */
        public Builder provider(String provider) {
            this.provider = requireText(provider, "provider");
            return this;
        }

        /**
         * @param model the model name to request, or null for the backend's default
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * @param baseUrl the server's base URL, or null for the provider's default
         * @return this builder
         * @throws IllegalArgumentException when it is not an absolute http(s) URL, its port is out of range, or it
         *                                  carries credentials (see {@link #baseUrl(String)})
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl == null ? null : checkedUrl(baseUrl, baseUrl.toString());
            return this;
        }

        /**
         * A URL with credentials ({@code http://user:password@host}) is refused: a URL is stored in every report and
         * journal and shown in messages, so a password in it would leak; an API key goes in an environment
         * variable (named by the HTTP backends' {@code api_key_env} option) and is sent as a bearer token. The
         * refusal shows the URL with its user info as {@code ***@}.
         *
         * @param baseUrl the server's base URL as text ({@code http://host:port}), or null
         * @return this builder
         * @throws IllegalArgumentException when it is not an absolute http(s) URL, its port is out of range, or it
         *                                  carries credentials
         */
        public Builder baseUrl(String baseUrl) {
            if (baseUrl == null) {
                this.baseUrl = null;
                return this;
            }
            URI uri;
            try {
                uri = URI.create(baseUrl.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("url '" + withoutUserInfo(baseUrl) + "' is not a valid URL");
            }
            this.baseUrl = checkedUrl(uri, baseUrl);
            return this;
        }

        private static URI checkedUrl(URI uri, String given) {
            String shown = withoutUserInfo(given);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("url '" + shown + "' must be an absolute http:// or https:// URL");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("url '" + shown + "' has credentials in it: longhaul refuses "
                        + "them, as the URL is stored in reports and journals; give an API key by the name of its "
                        + "environment variable instead");
            }
            if (uri.getPort() > 65_535) {
                throw new IllegalArgumentException("url '" + shown + "' has port " + uri.getPort()
                        + ", out of range [1, 65535]");
            }
            return uri;
        }

        /** The text of a URL with any user info (which may hold a password) shown as {@code ***@}. */
        static String withoutUserInfo(String url) {
            return url.replaceFirst("(?<=//)[^/?#]*@", "***@");
        }

        /**
         * @param kvType the KV cache type (label or, for in-process backends, the type to apply)
         * @return this builder
         * @throws IllegalArgumentException when it is null or blank
         */
        public Builder kvType(String kvType) {
            this.kvType = requireText(kvType, "kv type");
            return this;
        }

        /**
         * @param timeout the per-request timeout, positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param temperature sampling temperature in [0, 100], or null for the default
         * @return this builder
         */
        public Builder temperature(Double temperature) {
            if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 100)) {
                throw new IllegalArgumentException("temperature " + temperature + " is out of range [0, 100]");
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * @param seed the sampling seed, any value; null leaves the choice to the backend
         * @return this builder
         */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param maxTokens tokens to generate at most per turn, positive, or null
         * @return this builder
         */
        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = requirePositiveOrNull(maxTokens, "max tokens");
            return this;
        }

        /**
         * @param contextSize context window in tokens, positive, or null
         * @return this builder
         */
        public Builder contextSize(Integer contextSize) {
            this.contextSize = requirePositiveOrNull(contextSize, "context size");
            return this;
        }

        /**
         * Sets a backend-specific option by name as text, as a command line gives it; the backend that reads it
         * checks it when it is created.
         *
         * @param name  the option name
         * @param value its text
         * @return this builder
         */
        public Builder option(String name, String value) {
            options.put(requireText(name, "option name"), Objects.requireNonNull(value, "option value"));
            return this;
        }

        /**
         * Sets a backend-specific option, typed.
         *
         * @param option the option's key, from the module that owns it
         * @param value  its value, or null to remove a value set before (the backend's default then applies)
         * @param <T>    its type
         * @return this builder
         * @throws IllegalArgumentException naming the option when the value is out of its range
         */
        public <T> Builder option(BackendOption<T> option, T value) {
            if (value == null) {
                options.remove(option.name());
                return this;
            }
            String text;
            try {
                text = option.format(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option " + option.name() + " " + value + " " + e.getMessage());
            }
            options.put(option.name(), text);
            return this;
        }

        /**
         * @param environment how to look up environment variables (tests inject one)
         * @return this builder
         */
        public Builder environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** @return the immutable config */
        public BackendConfig build() {
            return new BackendConfig(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }

        private static Integer requirePositiveOrNull(Integer n, String what) {
            if (n != null && n <= 0) {
                throw new IllegalArgumentException(what + " must be positive, was " + n);
            }
            return n;
        }
    }
}
