package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** The most threads llama.cpp runs a graph on (ggml.h: GGML_MAX_N_THREADS); more crash it. */
    static final int MAX_THREADS = 512;

    /**
     * Reads and checks the settings.
     *
     * @param config the backend config
     * @return the settings
     * @throws BackendException (configuration) naming the first bad value
     */
    static LlamaCppSettings from(BackendConfig config) throws BackendException {
        List<String> known = LlamaCppOptions.ALL.stream().map(BackendOption::name).toList();
        for (String name : config.options().keySet()) {
            if (!known.contains(name)) {
                throw configuration("option '" + name + "' is unknown; known options: " + String.join(", ", known));
            }
        }
        KvCacheType base = KvCacheType.parse(config.kvType(), "kv type");
        Optional<String> k = read(config, LlamaCppOptions.KV_TYPE_K);
        Optional<String> v = read(config, LlamaCppOptions.KV_TYPE_V);
        KvCacheType typeK = k.isPresent() ? KvCacheType.parse(k.get(), LlamaCppOptions.KV_TYPE_K.name()) : base;
        KvCacheType typeV = v.isPresent() ? KvCacheType.parse(v.get(), LlamaCppOptions.KV_TYPE_V.name()) : base;
        Optional<String> flashText = config.option(LlamaCppOptions.FLASH_ATTN.name());
        FlashAttentionMode flash = flashText.isPresent() ? FlashAttentionMode.parse(flashText.get())
                : FlashAttentionMode.AUTO;
        flash.resolve(typeV); // fails now, not at load time, when flash_attn=off meets a quantized V cache

        int threads = read(config, LlamaCppOptions.THREADS).orElse(Runtime.getRuntime().availableProcessors());
        if (threads > MAX_THREADS) {
            throw configuration("threads " + threads + " is out of range [1, " + MAX_THREADS
                    + "] (llama.cpp's GGML_MAX_N_THREADS)");
        }
        long seed = config.seed().orElse((long) DEFAULT_SEED);
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            throw configuration("seed " + seed + " is out of range [0, " + Integer.MAX_VALUE + "]");
        }
        return new LlamaCppSettings(
                read(config, LlamaCppOptions.MODEL_FILE),
                config.contextSize(),
                threads,
                config.temperature().orElse(DEFAULT_TEMPERATURE),
                (int) seed,
                config.maxTokens().orElse(DEFAULT_MAX_TOKENS),
                typeK, typeV, flash,
                read(config, LlamaCppOptions.PREFIX_REUSE).orElse(true),
                read(config, LlamaCppOptions.KV_LOG).orElse(true),
                read(config, LlamaCppOptions.NATIVE_LOG).orElse(false),
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

    /** An option's value; its text not reading as one is {@code llamacpp: option NAME='TEXT' must be …}. */
    private static <T> Optional<T> read(BackendConfig config, BackendOption<T> option) throws BackendException {
        try {
            return config.option(option);
        } catch (IllegalArgumentException e) {
            throw configuration("option " + option.name() + "='" + config.option(option.name()).orElse("") + "' "
                    + e.getMessage());
        }
    }

    private static BackendException configuration(String message) {
        return new BackendException(BackendException.Kind.CONFIGURATION, "llamacpp: " + message);
    }
}
