package dev.longhaul.backend.openai;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.http.HttpOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The generation settings every turn of a run sends, resolved from a {@link BackendConfig} with this backend's
 * defaults (the Python seed tool's temperature 0.7 and max_tokens 2048; streaming on).
 *
 * @param model       the {@code model} field, or null to leave it out (llama-server serves its one model)
 * @param temperature the sampling temperature
 * @param maxTokens   {@code max_tokens}
 * @param seed        the sampling seed, or null to leave it out
 * @param stream      whether to stream (SSE) the answer
 * @param logprobs    whether to ask for token log-probabilities
 * @param topLogprobs how many alternatives per token to ask for, or null
 * @param serverLog   a llama-server log file to read the KV cache type from, or null
 */
record CompletionSettings(String model, double temperature, int maxTokens, Long seed, boolean stream,
                          boolean logprobs, Integer topLogprobs, Path serverLog) {

    static final double DEFAULT_TEMPERATURE = 0.7;
    static final int DEFAULT_MAX_TOKENS = 2048;
    static final boolean DEFAULT_STREAM = true;

    static CompletionSettings from(BackendConfig config) throws BackendException {
        String provider = config.provider();
        List<String> known = OpenAiOptions.ALL.stream().map(BackendOption::name).toList();
        for (String name : config.options().keySet()) {
            if (!known.contains(name)) {
                throw new BackendException(Kind.CONFIGURATION, "unknown option '" + name + "' for backend "
                        + provider + "; known: " + String.join(", ", known));
            }
        }
        String model = config.model().filter(m -> !m.isBlank()).orElse(null);
        boolean logprobs = HttpOptions.read(config, OpenAiOptions.LOGPROBS).orElse(false);
        Integer top = HttpOptions.read(config, OpenAiOptions.TOP_LOGPROBS).orElse(null);
        if (top != null && !logprobs) {
            throw new BackendException(Kind.CONFIGURATION, "option top_logprobs needs option logprobs=true");
        }
        Path serverLog = HttpOptions.read(config, OpenAiOptions.SERVER_LOG).orElse(null);
        return new CompletionSettings(model, config.temperature().orElse(DEFAULT_TEMPERATURE),
                config.maxTokens().orElse(DEFAULT_MAX_TOKENS), config.seed().orElse(null),
                HttpOptions.read(config, HttpOptions.STREAM).orElse(DEFAULT_STREAM), logprobs, top, serverLog);
    }
}
