package dev.longhaul.backend.llamacpp;

import de.kherud.llama.args.CacheType;
import dev.longhaul.backend.BackendException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The KV cache element types the bundled llama.cpp (build 4916, through {@code de.kherud:llama} 4.2.0) accepts for
 * {@code --cache-type-k} and {@code --cache-type-v}, under the names llama.cpp uses.
 */
enum KvCacheType {
    F32("f32", CacheType.F32, false),
    F16("f16", CacheType.F16, false),
    BF16("bf16", CacheType.BF16, false),
    Q8_0("q8_0", CacheType.Q8_0, true),
    Q4_0("q4_0", CacheType.Q4_0, true),
    Q4_1("q4_1", CacheType.Q4_1, true),
    IQ4_NL("iq4_nl", CacheType.IQ4_NL, true),
    Q5_0("q5_0", CacheType.Q5_0, true),
    Q5_1("q5_1", CacheType.Q5_1, true);

    private final String llamaName;
    private final CacheType binding;
    private final boolean quantized;

    KvCacheType(String llamaName, CacheType binding, boolean quantized) {
        this.llamaName = llamaName;
        this.binding = binding;
        this.quantized = quantized;
    }

    /**
     * Reads a type by its llama.cpp name, ignoring case and surrounding blanks.
     *
     * @param value  the name, for example {@code q8_0}
     * @param source where the value came from, for the error message (for example {@code kv type})
     * @return the type
     * @throws BackendException (configuration) naming the value and listing the valid names
     */
    static KvCacheType parse(String value, String source) throws BackendException {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (KvCacheType t : values()) {
            if (t.llamaName.equals(wanted)) {
                return t;
            }
        }
        throw new BackendException(BackendException.Kind.CONFIGURATION,
                "llamacpp: " + source + " '" + value + "' is not a KV cache type of llama.cpp build 4916; valid: "
                        + validNames());
    }

    /** @return every valid name, comma-separated, in llama.cpp's order */
    static String validNames() {
        return Arrays.stream(values()).map(KvCacheType::llamaName).collect(Collectors.joining(", "));
    }

    /** @return the name llama.cpp uses ({@code q8_0}) */
    String llamaName() {
        return llamaName;
    }

    /** @return the binding's constant */
    CacheType binding() {
        return binding;
    }

    /** @return whether this is a block-quantized type (a quantized V cache needs flash attention) */
    boolean quantized() {
        return quantized;
    }
}
