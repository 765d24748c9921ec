package dev.longhaul.cli;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.Backends;
import dev.longhaul.backend.http.HttpOptions;
import dev.longhaul.backend.llamacpp.LlamaCppOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The backend flags shared by {@code run} and {@code ab}: the seed's and ours. */
final class BackendOptions {

    @Option(names = "--model", description = "Model name to request (default: the server's or the bundled model).")
    String model;

    @Option(names = "--url", description = "Backend base URL (default: the provider's: ollama http://localhost:11434, "
            + "llama-server/openai http://localhost:8080).")
    String url;

    @Option(names = "--timeout", defaultValue = "120", description = "The longest wait without progress (an answer "
            + "token, or body bytes at 1 KiB per timeout) in seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--max-request-time", paramLabel = "SECONDS",
            description = "The longest one request may take in all, even while tokens keep coming (default: "
                    + "10 × --timeout).")
    Double maxRequestSeconds;

    @Option(names = "--seed", description = "Sampling seed.")
    Long seed;

    @Option(names = "--temperature", description = "Sampling temperature (default: the backend's; llama-server/openai 0.7 as the seed).")
    Double temperature;

    @Option(names = "--max-tokens", description = "Tokens to generate at most per turn (default: the backend's).")
    Integer maxTokens;

    @Option(names = {"--context-size", "--ctx"}, description = "Context window in tokens (ollama num_ctx, default 8192; llamacpp default 4096).")
    Integer contextSize;

    @Option(names = "--threads", description = "CPU threads for the embedded backend (default: all cores).")
    Integer threads;

    @Option(names = "--model-file", description = "GGUF model file for the embedded backend (default: the bundled tiny-code-chat.gguf).")
    Path modelFile;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Name of the environment variable holding an API key, sent as 'Authorization: Bearer'.")
    String apiKeyEnv;

    @Option(names = "--stream", negatable = true, description = "Stream answers (measures time to first token; default: the backend's).")
    Boolean stream;

    @Option(names = "--retries", defaultValue = "3", description = "Retries for transient failures per turn (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE", description = "A provider-specific option; repeatable.")
    Map<String, String> backendOptions = new LinkedHashMap<>();

    /** The longest --timeout: a day. */
    static final double MAX_TIMEOUT_SECONDS = 86_400;

    /** The config for one backend; {@code kvType} is the arm's cache type. */
    BackendConfig config(String provider, String kvType) {
        return config(provider, kvType, false);
    }

    /**
     * The config for one backend; {@code kvType} is the arm's cache type, {@code serverLoadsModel} whether a
     * managed llama-server is started with {@code --model-file}.
     */
    BackendConfig config(String provider, String kvType, boolean serverLoadsModel) {
        if (!(timeoutSeconds > 0 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException("--timeout " + timeoutSeconds + " is out of range (0, "
                    + (long) MAX_TIMEOUT_SECONDS + "] seconds");
        }
        if (maxRequestSeconds != null && !(maxRequestSeconds >= timeoutSeconds
                && maxRequestSeconds <= 10 * MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException("--max-request-time " + maxRequestSeconds + " is out of range [--timeout "
                    + timeoutSeconds + ", " + (long) (10 * MAX_TIMEOUT_SECONDS) + "] seconds");
        }
        if (modelFile != null && !provider.equals("llamacpp") && !serverLoadsModel) {
            throw new IllegalArgumentException("--model-file " + modelFile + " is for the embedded llamacpp backend "
                    + "(or ab --server-bin); --backend " + provider + " answers with the model its server loaded");
        }
        BackendConfig.Builder b = BackendConfig.builder(provider)
                .model(model)
                .baseUrl(url)
                .kvType(kvType)
                .timeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)))
                .seed(seed)
                .temperature(temperature)
                .maxTokens(maxTokens)
                .contextSize(contextSize);
        // A flag that sets one backend's option applies to the backends that have that option; others ignore it.
        Set<String> declared = Backends.discover().optionNames(provider);
        option(b, declared, LlamaCppOptions.THREADS, threads);
        option(b, declared, LlamaCppOptions.MODEL_FILE, modelFile);
        option(b, declared, HttpOptions.API_KEY_ENV, apiKeyEnv);
        option(b, declared, HttpOptions.STREAM, stream);
        option(b, declared, HttpOptions.MAX_RETRIES, retries);
        option(b, declared, HttpOptions.MAX_REQUEST_TIME,
                maxRequestSeconds == null ? null : Duration.ofMillis(Math.round(maxRequestSeconds * 1000)));
        backendOptions.forEach(b::option);
        return b.build();
    }

    private static <T> void option(BackendConfig.Builder b, Set<String> declared, BackendOption<T> option, T value) {
        if (declared.contains(option.name())) {
            b.option(option, value);
        }
    }
}
