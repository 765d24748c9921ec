package dev.longhaul.backend.openai;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generation settings every turn of a run sends, resolved from a {@link BackendConfig} with this backend's
 * defaults (the seed's temperature 0.7 and max_tokens 2048; streaming on).
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

    static final String OPTION_LOGPROBS = "logprobs";
    static final String OPTION_TOP_LOGPROBS = "top_logprobs";
    static final String OPTION_SERVER_LOG = "server_log";
    static final List<String> OPTIONS = List.of(OPTION_LOGPROBS, OPTION_TOP_LOGPROBS, OPTION_SERVER_LOG);

    static CompletionSettings from(BackendConfig config) throws BackendException {
        String provider = config.provider();
        for (String name : config.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                throw configuration("unknown option '" + name + "' for backend " + provider + "; known: "
                        + String.join(", ", OPTIONS));
            }
        }
        String model = config.model().filter(m -> !m.isBlank()).orElse(null);
        boolean logprobs = booleanOption(config, OPTION_LOGPROBS);
        Integer top = null;
        String topText = config.options().get(OPTION_TOP_LOGPROBS);
        if (topText != null) {
            try {
                top = Integer.parseInt(topText.strip());
            } catch (NumberFormatException e) {
                top = -1;
            }
            if (top < 0 || top > 20) {
                throw configuration("option top_logprobs '" + topText + "' must be a whole number from 0 to 20");
            }
            if (!logprobs) {
                throw configuration("option top_logprobs needs option logprobs=true");
            }
        }
        Path serverLog = config.option(OPTION_SERVER_LOG).map(Path::of).orElse(null);
        return new CompletionSettings(model, config.temperature().orElse(DEFAULT_TEMPERATURE),
                config.maxTokens().orElse(DEFAULT_MAX_TOKENS), config.seed().orElse(null),
                config.stream().orElse(DEFAULT_STREAM), logprobs, top, serverLog);
    }

    private static boolean booleanOption(BackendConfig config, String name) throws BackendException {
        String value = config.options().get(name);
        if (value == null) {
            return false;
        }
        Map<String, Boolean> allowed = Map.of("true", true, "false", false);
        Boolean b = allowed.get(value.strip().toLowerCase(Locale.ROOT));
        if (b == null) {
            throw configuration("option " + name + " '" + value + "' must be true or false");
        }
        return b;
    }

    private static BackendException configuration(String message) {
        return new BackendException(Kind.CONFIGURATION, message);
    }
}
