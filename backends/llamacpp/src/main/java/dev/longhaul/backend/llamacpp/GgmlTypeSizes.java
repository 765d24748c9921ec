package dev.longhaul.backend.llamacpp;

import java.util.Map;
import java.util.Optional;

/**
 * Bytes per block and elements per block of the ggml tensor types that model files commonly use, to check that a
 * tensor's data lies inside the file. Types not listed here are not checked for size, only for their offset.
 */
final class GgmlTypeSizes {

    /** ggml type id to {bytes per block, elements per block}, as in ggml's type traits. */
    private static final Map<Integer, long[]> BLOCKS = Map.ofEntries(
            Map.entry(0, new long[] {4, 1}),      // F32
            Map.entry(1, new long[] {2, 1}),      // F16
            Map.entry(2, new long[] {18, 32}),    // Q4_0
            Map.entry(3, new long[] {20, 32}),    // Q4_1
            Map.entry(6, new long[] {22, 32}),    // Q5_0
            Map.entry(7, new long[] {24, 32}),    // Q5_1
            Map.entry(8, new long[] {34, 32}),    // Q8_0
            Map.entry(10, new long[] {84, 256}),  // Q2_K
            Map.entry(11, new long[] {110, 256}), // Q3_K
            Map.entry(12, new long[] {144, 256}), // Q4_K
            Map.entry(13, new long[] {176, 256}), // Q5_K
            Map.entry(14, new long[] {210, 256}), // Q6_K
            Map.entry(20, new long[] {18, 32}),   // IQ4_NL
            Map.entry(23, new long[] {136, 256}), // IQ4_XS
            Map.entry(24, new long[] {1, 1}),     // I8
            Map.entry(25, new long[] {2, 1}),     // I16
            Map.entry(26, new long[] {4, 1}),     // I32
            Map.entry(27, new long[] {8, 1}),     // I64
            Map.entry(28, new long[] {8, 1}),     // F64
            Map.entry(30, new long[] {2, 1}));    // BF16

    private GgmlTypeSizes() {
    }

    /**
     * The data size of a tensor.
     *
     * @param ggmlType the tensor's type id
     * @param elements its number of elements
     * @return its size in bytes, or empty for a type not listed here
     */
    static Optional<Long> bytes(int ggmlType, long elements) {
        long[] block = BLOCKS.get(ggmlType);
        if (block == null) {
            return Optional.empty();
        }
        long blocks = (elements + block[1] - 1) / block[1];
        return Optional.of(blocks > Long.MAX_VALUE / block[0] ? Long.MAX_VALUE : blocks * block[0]);
    }
}
