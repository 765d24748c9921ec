package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvCacheReportTest {

    /** Lines as llama.cpp build 4916 logs them while loading the bundled model with -ctk q8_0 -ctv q4_0 -fa. */
    private static final List<String> LOG = List.of(
            "build: 4916 (c6af2161) with gcc (GCC) 10.2.1 20210130 (Red Hat 10.2.1-11) for x86_64-redhat-linux",
            "print_info: n_ctx_train      = 4096",
            "llama_context: constructing llama_context",
            "llama_context: n_ctx         = 1000",
            "llama_context: n_ctx_per_seq = 1000",
            "llama_context: flash_attn    = 1",
            "init: kv_size = 1024, offload = 1, type_k = 'q8_0', type_v = 'q4_0', n_layer = 6, can_shift = 1",
            "init:        CPU KV buffer size =     2.44 MiB",
            "llama_context: KV self size  =    2.44 MiB, K (q8_0):    1.59 MiB, V (q4_0):    0.84 MiB",
            "llama_context:        CPU compute buffer size =    17.13 MiB");

    @Test
    void readsTheAppliedTypesContextFlashAttentionAndBuild() {
        KvCacheReport r = KvCacheReport.parse(LOG);
        assertEquals(Optional.of("q8_0"), r.typeK());
        assertEquals(Optional.of("q4_0"), r.typeV());
        assertEquals(Optional.of(1000), r.contextSize());
        assertEquals(Optional.of(true), r.flashAttention());
        assertEquals(Optional.of("4916 (c6af2161)"), r.llamaCppBuild());
        assertEquals(List.of(LOG.get(3), LOG.get(5), LOG.get(6), LOG.get(8)), r.lines());
    }

    @Test
    void kvLinesAreRecognised() {
        assertTrue(KvCacheReport.isKvCacheLine(LOG.get(6)));
        assertTrue(KvCacheReport.isKvCacheLine("llama_kv_cache_unified: size = 24.00 MiB, K (f16): 12.00 MiB"));
        assertFalse(KvCacheReport.isKvCacheLine(LOG.get(4)));
        assertFalse(KvCacheReport.isKvCacheLine(LOG.get(1)));
    }

    @Test
    void missingLinesLeaveFieldsEmpty() {
        KvCacheReport r = KvCacheReport.parse(List.of("something else"));
        assertEquals(Optional.empty(), r.typeK());
        assertEquals(Optional.empty(), r.contextSize());
        assertEquals("", r.joinedLines());
    }
}
