package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options of the {@code llamacpp} backend: set them with
 * {@code BackendConfig.Builder.option(LlamaCppOptions.PREFIX_REUSE, false)} or
 * {@code --backend-option prefix_reuse=false}. The backend refuses an option not listed here.
 */
public final class LlamaCppOptions {

    /** The GGUF model file to load instead of the bundled {@code tiny-code-chat.gguf}. */
    public static final BackendOption<Path> MODEL_FILE = BackendOption.path("model_file",
            "the GGUF model file to load (default: the bundled tiny-code-chat.gguf)");

    /** CPU threads to run the model on; llama.cpp runs a graph on at most 512. */
    public static final BackendOption<Integer> THREADS = BackendOption.integer("threads",
            "CPU threads to run the model on, 1 to 512 (default: every available processor)", 1, Integer.MAX_VALUE);

    /** The K cache type, when it differs from the config's KV cache type. */
    public static final BackendOption<String> KV_TYPE_K = BackendOption.text("kv_type_k",
            "the K cache type, e.g. q8_0 (default: the config's kv type)");

    /** The V cache type, when it differs from the config's KV cache type. */
    public static final BackendOption<String> KV_TYPE_V = BackendOption.text("kv_type_v",
            "the V cache type, e.g. q4_0 (default: the config's kv type)");

    /** Flash attention: {@code auto} switches it on exactly when the V cache is quantized, as llama.cpp needs. */
    public static final BackendOption<String> FLASH_ATTN = BackendOption.text("flash_attn",
            "flash attention: auto (default: on exactly when the V cache is quantized), on or off");

    /** Whether llama.cpp keeps the evaluated prompt between turns and evaluates only what the conversation added. */
    public static final BackendOption<Boolean> PREFIX_REUSE = BackendOption.of("prefix_reuse",
            "whether to evaluate only what the conversation added since the previous turn: true (default) or false",
            text -> choice(text, "true", "on", "false", "off"), String::valueOf);

    /** Whether to read llama.cpp's KV cache log lines (what it allocated) from a probe process. */
    public static final BackendOption<Boolean> KV_LOG = BackendOption.of("kv_log",
            "whether to read llama.cpp's KV cache lines from a probe process: probe (default) or off",
            text -> choice(text, "probe", null, "off", null), on -> on ? "probe" : "off");

    /** Whether llama.cpp prints its own log to standard error instead of logging it through slf4j. */
    public static final BackendOption<Boolean> NATIVE_LOG = BackendOption.of("native_log",
            "where llama.cpp's own log goes: quiet (default: to slf4j at debug) or stderr",
            text -> choice(text, "stderr", null, "quiet", null), on -> on ? "stderr" : "quiet");

    /** Every option, in the order messages list them. */
    public static final List<BackendOption<?>> ALL =
            List.of(KV_TYPE_K, KV_TYPE_V, FLASH_ATTN, PREFIX_REUSE, KV_LOG, NATIVE_LOG, THREADS, MODEL_FILE);

    private LlamaCppOptions() {
    }

    /** true for {@code yes} (or {@code yesToo}), false for {@code no} (or {@code noToo}), whatever the case. */
    private static boolean choice(String text, String yes, String yesToo, String no, String noToo) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (v.equals(yes) || v.equals(yesToo)) {
            return true;
        }
        if (v.equals(no) || v.equals(noToo)) {
            return false;
        }
        throw new IllegalArgumentException("must be " + yes + " or " + no);
    }
}
