package dev.longhaul.analysis.tradeoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvCacheMemoryTest {

    /** The embedded backend's kv_log fact of a q8_0 run on the bundled model (llama.cpp build 4916). */
    static final String EMBEDDED_Q8 = "llama_context: n_ctx         = 4096 | llama_context: flash_attn    = 1 | "
            + "init: kv_size = 4096, offload = 1, type_k = 'q8_0', type_v = 'q8_0', n_layer = 6, can_shift = 1 | "
            + "llama_context: KV self size  =   12.75 MiB, K (q8_0):    6.38 MiB, V (q8_0):    6.38 MiB";

    /** server_kv_log of a managed upstream llama-server (f16). */
    static final List<String> SERVER_F16 = List.of(
            "llama_kv_cache:        CPU KV buffer size =    24.00 MiB",
            "llama_kv_cache: size =   24.00 MiB (  4096 cells,   6 layers,  1/1 seqs), K (f16):   12.00 MiB, V (f16):"
                    + "   12.00 MiB",
            "llama_kv_cache: attn_rot_k = 1, n_embd_head_k_all = 64");

    static RunConfig config(Map<String, Object> extra) {
        return new RunConfig("b", "m", "q8_0", 3, 20, "t", extra);
    }

    @Test
    void theEmbeddedBackendsLogGivesSizeAndCells() {
        KvCacheMemory kv = KvCacheMemory.of(config(Map.of("backend_info", Map.of("kv_log", EMBEDDED_Q8)))).orElseThrow();
        assertEquals(12.75, kv.mib());
        assertEquals(4096, kv.cells());
        assertEquals(3264.0, kv.bytesPerCell(), "12.75 MiB over 4096 cells");
        assertEquals(KvCacheMemory.FROM_EMBEDDED_LOG, kv.source());
    }

    @Test
    void aManagedServersLogComesFirstThenServerFacts() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("backend_info", Map.of("kv_cache_size_mib", 99.0, "kv_cache_cells", 512));
        extra.put("server_kv_log", SERVER_F16);
        KvCacheMemory kv = KvCacheMemory.of(config(extra)).orElseThrow();
        assertEquals(new KvCacheMemory(24.0, 4096, KvCacheMemory.FROM_SERVER_LOG), kv);
        assertEquals(6144.0, kv.bytesPerCell());

        KvCacheMemory facts = KvCacheMemory.of(config(Map.of("backend_info",
                Map.of("kv_cache_size_mib", 12.75, "kv_cache_cells", 4096)))).orElseThrow();
        assertEquals(new KvCacheMemory(12.75, 4096, KvCacheMemory.FROM_SERVER_FACTS), facts);
    }

    @Test
    void withoutALoggedSizeTheMemoryIsUnknownNeverEstimated() {
        assertTrue(KvCacheMemory.of(config(Map.of())).isEmpty());
        assertTrue(KvCacheMemory.of(config(Map.of("backend_info", Map.of("kv_type_k", "q8_0",
                "kv_log_unavailable", "kv_log=off")))).isEmpty(), "a cache type alone says nothing of its size");
        assertTrue(KvCacheMemory.of(config(Map.of("server_kv_log", List.of("llama_kv_cache: attn_rot_k = 1")))).isEmpty());
        KvCacheMemory noCells = KvCacheMemory.fromLog(List.of("llama_kv_cache_unified: size = 24.00 MiB, K (f16): "
                + "12.00 MiB"), "x").orElseThrow();
        assertNull(noCells.cells());
        assertTrue(Double.isNaN(noCells.bytesPerCell()));
        assertThrows(IllegalArgumentException.class, () -> new KvCacheMemory(0, null, "x"));
    }

    @Test
    void theLastLoadInALogWins() {
        List<String> twoLoads = List.of(SERVER_F16.get(1), "llama_kv_cache: size =    3.00 MiB (   512 cells,   6 "
                + "layers,  1/1 seqs), K (f16):    1.50 MiB, V (f16):    1.50 MiB");
        assertEquals(new KvCacheMemory(3.0, 512, "x"), KvCacheMemory.fromLog(twoLoads, "x").orElseThrow());
    }
}
