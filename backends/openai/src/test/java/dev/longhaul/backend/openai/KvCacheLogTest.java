package dev.longhaul.backend.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KvCacheLogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"f16, f16, 24.00, 4096", "q8_0, q8_0, 12.75, 4096", "q4_0, q4_0, 6.75, 4096",
        "turbo4, turbo4, 12.75, 4096", "fork-f16, f16, 24.00, 4096", "f16-c512, f16, 3.00, 512"})
    void readsTheRecordedStartUpLogs(String file, String type, double mib, int cells) {
        String log = LlamaServerFixtures.resource("/fixtures/llama-server/kv-logs/" + file + ".txt");
        KvCacheLog kv = KvCacheLog.parse(log).orElseThrow();
        assertEquals(type, kv.keyType());
        assertEquals(type, kv.valueType());
        assertEquals(type, kv.type());
        assertEquals(mib, kv.sizeMib());
        assertEquals(cells, kv.cells());
        assertEquals("enabled", kv.flashAttn());
    }

    @org.junit.jupiter.api.Test
    void takesTheLastStartAndShowsMixedTypes() {
        String log = LlamaServerFixtures.resource("/fixtures/llama-server/kv-logs/f16.txt")
                + "llama_context: flash_attn    = disabled\n"
                + "llama_kv_cache: size =   18.38 MiB (  4096 cells,   6 layers,  1/1 seqs), K (q8_0):    6.38 MiB,"
                + " V (f16):   12.00 MiB\n";
        KvCacheLog kv = KvCacheLog.parse(log).orElseThrow();
        assertEquals("q8_0/f16", kv.type());
        assertEquals("disabled", kv.flashAttn());
        assertTrue(KvCacheLog.parse("nothing here").isEmpty());
        assertEquals(Optional.empty(), KvCacheLog.parse(""));
    }
}
