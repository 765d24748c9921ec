package dev.longhaul.backend.openai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KV cache as llama-server's start-up log describes it. No HTTP endpoint of llama-server reveals the cache type
 * (nor flash attention), so the log is the only evidence of what a server really ran with. The last description in
 * the text wins (a log file may hold several starts).
 *
 * <p>Reads lines like:
 * <pre>
 * llama_context: flash_attn    = enabled
 * llama_kv_cache: size =   12.75 MiB (  4096 cells,   6 layers,  1/1 seqs), K (q8_0):    6.38 MiB, V (q8_0):    6.38 MiB
 * </pre>
 *
 * @param keyType   the K cache type, for example {@code q8_0}
 * @param valueType the V cache type
 * @param sizeMib   the whole cache's size in MiB
 * @param cells     the number of cells (the context size the cache holds)
 * @param flashAttn the {@code flash_attn} setting logged before it ({@code enabled}, {@code disabled}, {@code auto}),
 *                  or null
 */
record KvCacheLog(String keyType, String valueType, double sizeMib, int cells, String flashAttn) {

    private static final Pattern SIZE = Pattern.compile("llama_kv_cache(?:_unified)?: size = +([0-9.]+) MiB \\( *"
            + "([0-9]+) cells,[^)]*\\), K \\(([A-Za-z0-9_]+)\\): +[0-9.]+ MiB, V \\(([A-Za-z0-9_]+)\\)");
    private static final Pattern FLASH = Pattern.compile("llama_context: flash_attn += +([A-Za-z0-9_]+)");

    /**
     * @param log the log text
     * @return the last cache description, if any
     */
    static Optional<KvCacheLog> parse(String log) {
        Matcher size = SIZE.matcher(log);
        KvCacheLog found = null;
        while (size.find()) {
            Matcher flash = FLASH.matcher(log.substring(0, size.start()));
            String flashAttn = null;
            while (flash.find()) {
                flashAttn = flash.group(1);
            }
            found = new KvCacheLog(size.group(3), size.group(4), Double.parseDouble(size.group(1)),
                    Integer.parseInt(size.group(2)), flashAttn);
        }
        return Optional.ofNullable(found);
    }

    /** @return the type when K and V agree ({@code q8_0}), else {@code K/V} ({@code q8_0/f16}) */
    String type() {
        return keyType.equals(valueType) ? keyType : keyType + "/" + valueType;
    }
}
