package dev.longhaul.backend.llamacpp;

import dev.longhaul.backend.BackendException;
import java.util.Locale;

/**
 * The {@code flash_attn} option. llama.cpp build 4916 refuses a quantized V cache without flash attention, so
 * {@link #AUTO} switches it on exactly then and leaves llama.cpp's default (off) otherwise.
 */
enum FlashAttentionMode {
    AUTO, ON, OFF;

    static FlashAttentionMode parse(String value) throws BackendException {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "auto":
                return AUTO;
            case "on":
            case "true":
                return ON;
            case "off":
            case "false":
                return OFF;
            default:
                throw new BackendException(BackendException.Kind.CONFIGURATION,
                        "llamacpp: option flash_attn='" + value + "' must be auto, on or off");
        }
    }

    /**
     * Whether flash attention is used with this V cache type.
     *
     * @throws BackendException (configuration) when flash attention is off but the V cache is quantized
     */
    boolean resolve(KvCacheType valueCache) throws BackendException {
        if (this == OFF && valueCache.quantized()) {
            throw new BackendException(BackendException.Kind.CONFIGURATION,
                    "llamacpp: V cache type " + valueCache.llamaName()
                            + " needs flash attention (llama.cpp refuses a quantized V cache without it), but flash_attn=off");
        }
        return this == ON || (this == AUTO && valueCache.quantized());
    }
}
