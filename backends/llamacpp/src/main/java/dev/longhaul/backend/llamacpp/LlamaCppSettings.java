package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The llamacpp backend's settings: the {@link BackendConfig} values with this backend's defaults filled in, and its
 * options checked. Every problem is reported as a one-line configuration error naming the value.
 *
 * @param modelFile          the configured model file, or empty for the bundled model
 * @param contextSize        the configured context size, or empty for the model's own (capped)
 * @param threads            CPU threads
 * @param temperature        sampling temperature
 * @param seed               sampling seed
 * @param maxTokens          tokens to generate at most per turn
 * @param typeK              K cache type
 * @param typeV              V cache type
 * @param flashAttention     the flash attention mode
 * @param prefixReuse        whether llama.cpp keeps the evaluated prompt between turns and reuses its common prefix
 * @param kvLogProbe         whether to read llama.cpp's KV cache log lines from a probe process
 * @param nativeLogToStderr  whether llama.cpp prints its own log to standard error
 * @param timeout            longest time one answer may take
 */
record LlamaCppSettings(Optional<Path> modelFile, Optional<Integer> contextSize, int threads, double temperature,
                        int seed, int maxTokens, KvCacheType typeK, KvCacheType typeV,
                        FlashAttentionMode flashAttention, boolean prefixReuse, boolean kvLogProbe,
                        boolean nativeLogToStderr, Duration timeout) {

    /** The seed's llama-server temperature. */
    static final double DEFAULT_TEMPERATURE = 0.7;
    /** A fixed sampling seed, so that two runs with the same settings sample alike. */
    static final int DEFAULT_SEED = 42;
    /** Room for the bundled model's answers that end on their own, a cut for those that loop, and room for history. */
    static final int DEFAULT_MAX_TOKENS = 512;
    /** The default context size is the model's trained context, but not more than this. */
    static final int MAX_DEFAULT_CONTEXT = 8192;

    static final String KV_TYPE_K = "kv_type_k";
    static final String KV_TYPE_V = "kv_type_v";
    static final String FLASH_ATTN = "flash_attn";
    static final String PREFIX_REUSE = "prefix_reuse";
    /** The most threads llama.cpp runs a graph on (ggml.h: GGML_MAX_N_THREADS); more crash it. */
    static final int MAX_THREADS = 512;
    static final String KV_LOG = "kv_log";
    static final String NATIVE_LOG = "native_log";
    static final List<String> OPTIONS = List.of(KV_TYPE_K, KV_TYPE_V, FLASH_ATTN, PREFIX_REUSE, KV_LOG, NATIVE_LOG);

    /**
     * Reads and checks the settings.
     *
     * @param config the backend config
     * @return the settings
     * @throws BackendException (configuration) naming the first bad value
     */
    static LlamaCppSettings from(BackendConfig config) throws BackendException {
        for (String name : config.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                throw configuration("option '" + name + "' is unknown; known options: " + String.join(", ", OPTIONS));
            }
        }
        Map<String, String> options = config.options();
        KvCacheType base = KvCacheType.parse(config.kvType(), "kv type");
        KvCacheType typeK = options.containsKey(KV_TYPE_K) ? KvCacheType.parse(options.get(KV_TYPE_K), KV_TYPE_K) : base;
        KvCacheType typeV = options.containsKey(KV_TYPE_V) ? KvCacheType.parse(options.get(KV_TYPE_V), KV_TYPE_V) : base;
        FlashAttentionMode flash = options.containsKey(FLASH_ATTN)
                ? FlashAttentionMode.parse(options.get(FLASH_ATTN)) : FlashAttentionMode.AUTO;
        flash.resolve(typeV); // fails now, not at load time, when flash_attn=off meets a quantized V cache

        int threads = config.threads().orElse(Runtime.getRuntime().availableProcessors());
        if (threads > MAX_THREADS) {
            throw configuration("threads " + threads + " is out of range [1, " + MAX_THREADS
                    + "] (llama.cpp's GGML_MAX_N_THREADS)");
        }
        long seed = config.seed().orElse((long) DEFAULT_SEED);
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            throw configuration("seed " + seed + " is out of range [0, " + Integer.MAX_VALUE + "]");
        }
        return new LlamaCppSettings(
                config.modelFile(),
                config.contextSize(),
                threads,
                config.temperature().orElse(DEFAULT_TEMPERATURE),
                (int) seed,
                config.maxTokens().orElse(DEFAULT_MAX_TOKENS),
                typeK, typeV, flash,
                bool(options, PREFIX_REUSE, true),
                choice(options, KV_LOG, "probe", "off", true),
                choice(options, NATIVE_LOG, "stderr", "quiet", false),
                config.timeout());
    }

    /** @return whether flash attention is on (see {@link FlashAttentionMode#resolve}) */
    boolean flashAttentionOn() throws BackendException {
        return flashAttention.resolve(typeV);
    }

    /** @return the KV type as one label: {@code q8_0}, or {@code q8_0/q4_0} when K and V differ */
    static String kvLabel(String typeK, String typeV) {
        return typeK.equals(typeV) ? typeK : typeK + "/" + typeV;
    }

    private static boolean bool(Map<String, String> options, String name, boolean fallback) throws BackendException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true":
            case "on":
                return true;
            case "false":
            case "off":
                return false;
            default:
                throw configuration("option " + name + "='" + value + "' must be true or false");
        }
    }

    /** @return true for {@code yes}, false for {@code no}, {@code fallback} when the option is not set */
    private static boolean choice(Map<String, String> options, String name, String yes, String no, boolean fallback)
            throws BackendException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        throw configuration("option " + name + "='" + value + "' must be " + yes + " or " + no);
    }

    private static BackendException configuration(String message) {
        return new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: " + message);
    }
}
