package dev.longhaul.backend.openai;

import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.http.HttpOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of the {@code openai} and {@code llama-server} backends besides the {@link HttpOptions}: set them with
 * {@code BackendConfig.Builder.option(OpenAiOptions.LOGPROBS, true)} or {@code --backend-option logprobs=true}.
 */
public final class OpenAiOptions {

    /** Whether to ask for the answer's token log-probabilities (false unless set). */
    public static final BackendOption<Boolean> LOGPROBS = BackendOption.flag("logprobs",
            "whether to ask for the answer's token log-probabilities: true or false (default)");

    /** How many alternatives per token to ask for; needs {@link #LOGPROBS}. */
    public static final BackendOption<Integer> TOP_LOGPROBS = BackendOption.integer("top_logprobs",
            "how many alternatives per token to ask for, 0 to 20; needs logprobs=true (default: none)", 0, 20);

    /** A llama-server log file to read the KV cache type the server applied from. */
    public static final BackendOption<Path> SERVER_LOG = BackendOption.path("server_log",
            "a llama-server log file to read the KV cache type the server applied from (default: none)");

    /** This module's own options, then the {@link HttpOptions}: every option the two providers read. */
    public static final List<BackendOption<?>> ALL = all();

    private OpenAiOptions() {
    }

    private static List<BackendOption<?>> all() {
        List<BackendOption<?>> all = new ArrayList<>(List.of(LOGPROBS, TOP_LOGPROBS, SERVER_LOG));
        all.addAll(HttpOptions.ALL);
        return List.copyOf(all);
    }
}
