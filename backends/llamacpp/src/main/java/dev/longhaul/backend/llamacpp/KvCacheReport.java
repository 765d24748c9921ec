package dev.longhaul.backend.llamacpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What llama.cpp's own log says about the KV cache it allocated when loading a model, for example
 * <pre>
 * llama_context: n_ctx         = 4096
 * llama_context: flash_attn    = 1
 * init: kv_size = 4096, offload = 1, type_k = 'q8_0', type_v = 'q8_0', n_layer = 6, can_shift = 1
 * llama_context: KV self size  =   12.75 MiB, K (q8_0):    6.38 MiB, V (q8_0):    6.38 MiB
 * </pre>
 *
 * @param typeK          the K cache type llama.cpp applied
 * @param typeV          the V cache type llama.cpp applied
 * @param contextSize    {@code n_ctx}
 * @param flashAttention whether flash attention is on
 * @param llamaCppBuild  llama.cpp's build, for example {@code 4916 (c6af2161)}
 * @param lines          the KV cache lines, in log order
 */
record KvCacheReport(Optional<String> typeK, Optional<String> typeV, Optional<Integer> contextSize,
                     Optional<Boolean> flashAttention, Optional<String> llamaCppBuild, List<String> lines) {

    private static final Pattern TYPES = Pattern.compile("type_k = '([^']+)', type_v = '([^']+)'");
    private static final Pattern N_CTX = Pattern.compile("^llama_context: n_ctx\\s+=\\s+(\\d+)");
    private static final Pattern FLASH = Pattern.compile("^llama_context: flash_attn\\s+=\\s+(\\d+)");
    private static final Pattern BUILD = Pattern.compile("^build: (\\d+ \\([0-9a-f]+\\))");

    /** Copies the lines. */
    KvCacheReport {
        lines = List.copyOf(lines);
    }

    /**
     * Whether a log line is one of llama.cpp's KV cache lines.
     *
     * @param line a line without its newline
     * @return true for the lines this report keeps
     */
    static boolean isKvCacheLine(String line) {
        return line.contains("type_k = ") || line.contains("KV self size") || line.startsWith("llama_kv_cache")
                || N_CTX.matcher(line).find() || FLASH.matcher(line).find();
    }

    /**
     * Reads the KV cache facts from the log of one model load.
     *
     * @param log the log lines
     * @return what they say; fields are empty when the lines are missing
     */
    static KvCacheReport parse(List<String> log) {
        String typeK = null;
        String typeV = null;
        Integer nCtx = null;
        Boolean flash = null;
        String build = null;
        List<String> kept = new ArrayList<>();
        for (String raw : log) {
            String line = raw.strip();
            Matcher m = BUILD.matcher(line);
            if (m.find()) {
                build = m.group(1);
            }
            if (!isKvCacheLine(line)) {
                continue;
            }
            kept.add(line);
            if ((m = TYPES.matcher(line)).find()) {
                typeK = m.group(1);
                typeV = m.group(2);
            } else if ((m = N_CTX.matcher(line)).find()) {
                nCtx = Integer.valueOf(m.group(1));
            } else if ((m = FLASH.matcher(line)).find()) {
                flash = !m.group(1).equals("0");
            }
        }
        return new KvCacheReport(Optional.ofNullable(typeK), Optional.ofNullable(typeV), Optional.ofNullable(nCtx),
                Optional.ofNullable(flash), Optional.ofNullable(build), kept);
    }

    /** @return the KV cache lines joined with {@code " | "}, as one fact */
    String joinedLines() {
        return String.join(" | ", lines);
    }
}
