package dev.longhaul.analysis.tradeoff;

import dev.longhaul.report.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KV cache memory a run allocated, as llama.cpp itself logged it when it loaded the model — never estimated from
 * the cache type. llama.cpp writes one size line per cache:
 * <pre>
 * llama_context: KV self size  =   12.75 MiB, K (q8_0):    6.38 MiB, V (q8_0):    6.38 MiB      (build 4916, embedded)
 * init: kv_size = 4096, offload = 1, type_k = 'q8_0', type_v = 'q8_0', n_layer = 6, can_shift = 1
 * llama_kv_cache: size =   12.75 MiB (  4096 cells,   6 layers,  1/1 seqs), K (q8_0): ...          (llama-server)
 * </pre>
 *
 * <p>A report carries those lines in one of three places, read in this order: {@code config.server_kv_log} (the lines
 * of a llama-server that {@code ab --server-bin} started), {@code config.backend_info.kv_log} (the embedded backend's
 * lines, joined with {@code " | "}), and {@code config.backend_info.kv_cache_size_mib} with {@code kv_cache_cells}
 * (what the llama-server backend read from a server log it was pointed at). A report with none of them has no figure:
 * {@link #of(RunConfig)} is empty and the summary says "unknown".
 *
 * @param mib    the whole cache (K and V, all layers) in MiB as logged (two decimals)
 * @param cells  the cells (token positions) the cache holds, or null when the log did not say
 * @param source where the figure was read: {@value #FROM_SERVER_LOG}, {@value #FROM_EMBEDDED_LOG} or
 *               {@value #FROM_SERVER_FACTS}
 */
public record KvCacheMemory(double mib, Integer cells, String source) {

    /** {@link #source()} of a figure from a managed llama-server's log. */
    public static final String FROM_SERVER_LOG = "llama-server log";
    /** {@link #source()} of a figure from the in-process llama.cpp's log. */
    public static final String FROM_EMBEDDED_LOG = "llama.cpp log";
    /** {@link #source()} of a figure from the facts a server backend recorded. */
    public static final String FROM_SERVER_FACTS = "server facts";

    private static final Pattern CACHE_SIZE = Pattern.compile(
            "llama_kv_cache(?:_unified)?: size = +([0-9.]+) MiB(?: \\( *([0-9]+) cells)?");
    private static final Pattern SELF_SIZE = Pattern.compile("KV self size += +([0-9.]+) MiB");
    private static final Pattern KV_SIZE = Pattern.compile("kv_size = ([0-9]+)");

    /**
     * Rejects a size that is not a positive finite number and cells below 1.
     *
     * @param mib    the whole cache in MiB as logged
     * @param cells  the cells the cache holds, or null
     * @param source where the figure was read
     */
    public KvCacheMemory {
        if (!(mib > 0) || Double.isInfinite(mib)) {
            throw new IllegalArgumentException("a KV cache size must be a positive number of MiB, was " + mib);
        }
        if (cells != null && cells < 1) {
            throw new IllegalArgumentException("a KV cache holds at least 1 cell, was " + cells);
        }
    }

    /**
     * @param config a report's config
     * @return the KV cache memory its log lines or server facts state; empty when none does
     */
    public static Optional<KvCacheMemory> of(RunConfig config) {
        Optional<List<String>> lines = config.serverKvLog();
        if (lines.isPresent()) {
            Optional<KvCacheMemory> logged = fromLog(lines.get(), FROM_SERVER_LOG);
            if (logged.isPresent()) {
                return logged;
            }
        }
        Map<String, Object> facts = config.backendInfo();
        if (facts.get("kv_log") instanceof String joined) {
            Optional<KvCacheMemory> logged = fromLog(List.of(joined.split(" \\| ")), FROM_EMBEDDED_LOG);
            if (logged.isPresent()) {
                return logged;
            }
        }
        if (facts.get("kv_cache_size_mib") instanceof Number size && size.doubleValue() > 0) {
            Integer cells = facts.get("kv_cache_cells") instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
            return Optional.of(new KvCacheMemory(size.doubleValue(), cells, FROM_SERVER_FACTS));
        }
        return Optional.empty();
    }

    /**
     * Reads the last cache size llama.cpp logged (a log may hold several loads) and the cells it holds.
     *
     * @param lines  llama.cpp log lines
     * @param source what to call where they came from
     * @return the figure; empty when no line states a size
     */
    public static Optional<KvCacheMemory> fromLog(List<String> lines, String source) {
        Double mib = null;
        Integer cells = null;
        Integer kvSize = null;
        for (String line : new ArrayList<>(lines)) {
            Matcher m = CACHE_SIZE.matcher(line);
            if (m.find()) {
                mib = Double.valueOf(m.group(1));
                cells = m.group(2) == null ? kvSize : Integer.valueOf(m.group(2));
                continue;
            }
            if ((m = SELF_SIZE.matcher(line)).find()) {
                mib = Double.valueOf(m.group(1));
                cells = kvSize;
            } else if ((m = KV_SIZE.matcher(line)).find()) {
                kvSize = Integer.valueOf(m.group(1));
            }
        }
        return mib == null || !(mib > 0) ? Optional.empty()
                : Optional.of(new KvCacheMemory(mib, cells != null && cells > 0 ? cells : null, source));
    }

    /** @return bytes per cell (per token position held, K and V of all layers); NaN when the cells are unknown */
    public double bytesPerCell() {
        return cells == null ? Double.NaN : mib * 1024 * 1024 / cells;
    }
}
