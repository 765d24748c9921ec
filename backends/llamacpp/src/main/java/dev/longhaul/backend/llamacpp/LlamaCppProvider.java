package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendOption;
import dev.longhaul.backend.BackendProvider;
import java.util.List;

/**
 * The {@code llamacpp} backend: llama.cpp in this process through {@code de.kherud:llama} 4.2.0 (llama.cpp build
 * 4916), so that the KV cache type is really applied, offline and without a server. With no model file configured
 * it uses the bundled {@code tiny-code-chat.gguf}.
 *
 * <p>Settings: {@link BackendConfig#kvType()} (f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1),
 * {@link BackendConfig#contextSize()} (default: the model's trained context, at most 8192; 4096 when the file does
 * not state it),
 * {@link BackendConfig#temperature()} (default 0.7), {@link BackendConfig#seed()} (default 42),
 * {@link BackendConfig#maxTokens()} (default 512) and {@link BackendConfig#timeout()}; and the
 * {@link LlamaCppOptions}: {@code model_file}, {@code threads} (default: available processors), {@code kv_type_k}
 * and {@code kv_type_v} (override one side of the cache), {@code flash_attn} ({@code auto}: on exactly when the V
 * cache is quantized, {@code on}, {@code off}), {@code prefix_reuse} ({@code true}: evaluate only what the
 * conversation added since the previous turn), {@code kv_log} ({@code probe}: read llama.cpp's KV cache lines from a
 * probe process; {@code off}) and {@code native_log} ({@code quiet}: llama.cpp's log goes to slf4j; {@code stderr}:
 * llama.cpp prints it).
 */
public final class LlamaCppProvider implements BackendProvider {

    /** The name this backend is selected by. */
    public static final String NAME = "llamacpp";

    /** Creates the provider; cheap, loads nothing. */
    public LlamaCppProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "llama.cpp in-process (de.kherud:llama 4.2.0, build 4916): applies the KV cache type; "
                + "bundled model tiny-code-chat.gguf";
    }

    /** @return {@link LlamaCppOptions#ALL} */
    @Override
    public List<BackendOption<?>> options() {
        return LlamaCppOptions.ALL;
    }

    /**
     * Loads the model. Takes about a second with the bundled model (most of it the KV cache probe).
     *
     * @param config the settings
     * @return the backend; close it to free the model
     * @throws BackendException (configuration) for a missing or damaged model file, an unknown cache type or
     *                          option, or a model llama.cpp refuses
     */
    @Override
    public Backend create(BackendConfig config) throws BackendException {
        return LlamaCppBackend.open(config);
    }

    /**
     * Checks the cache types, options, sampling seed and thread count, without loading anything.
     *
     * @param config the settings
     * @throws BackendException (configuration) naming the first bad value
     */
    @Override
    public void validate(BackendConfig config) throws BackendException {
        LlamaCppSettings.from(config);
    }
}
