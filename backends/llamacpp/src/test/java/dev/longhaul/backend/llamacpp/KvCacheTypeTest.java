package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.args.CacheType;
import dev.longhaul.backend.BackendException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KvCacheTypeTest {

    @Test
    void everyCacheTypeOfTheBindingHasALlamaCppName() throws BackendException {
        assertEquals(CacheType.values().length, KvCacheType.values().length);
        for (CacheType binding : CacheType.values()) {
            KvCacheType t = KvCacheType.parse(binding.name().toLowerCase(), "kv type");
            assertEquals(binding, t.binding());
        }
    }

    @Test
    void parsesIgnoringCaseAndBlanks() throws BackendException {
        assertEquals(KvCacheType.Q8_0, KvCacheType.parse(" Q8_0 ", "kv type"));
        assertEquals(KvCacheType.IQ4_NL, KvCacheType.parse("iq4_nl", "kv type"));
    }

    @Test
    void onlyBlockTypesAreQuantized() {
        assertFalse(KvCacheType.F16.quantized());
        assertFalse(KvCacheType.BF16.quantized());
        assertFalse(KvCacheType.F32.quantized());
        assertTrue(Arrays.stream(KvCacheType.values()).filter(KvCacheType::quantized).count() == 6);
    }

    @Test
    void unknownTypeNamesTheValueAndListsTheValidOnes() {
        BackendException e = assertThrows(BackendException.class, () -> KvCacheType.parse("turbo4", "kv_type_v"));
        assertEquals(BackendException.Kind.CONFIGURATION, e.kind());
        assertEquals("llamacpp: kv_type_v 'turbo4' is not a KV cache type of llama.cpp build 4916; valid: "
                + "f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1", e.getMessage());
    }
}
