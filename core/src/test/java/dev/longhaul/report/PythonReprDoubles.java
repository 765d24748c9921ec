package dev.longhaul.report;

import dev.longhaul.analysis.stats.SplitMix64;

/**
 * The 10⁶ doubles of {@code parity/python-repr/python_repr_digest.py}, drawn the same way: SplitMix64 from
 * {@link #SEED}, one 64-bit draw per double, the kind of double chosen by the index modulo 8 (see the script's
 * docstring). Any change here must be made there too, and the digests regenerated.
 */
final class PythonReprDoubles {

    static final long SEED = 0x5EEDF10A72026L;
    static final int COUNT = 1_000_000;

    private final SplitMix64 random = new SplitMix64(SEED);
    private int index;

    /** @return whether another double is left */
    boolean hasNext() {
        return index < COUNT;
    }

    /** @return the bits of the next double */
    long nextBits() {
        long bits = bitsFor(index, random.next());
        index++;
        return bits;
    }

    private static long bitsFor(int index, long r) {
        switch (index % 8) {
            case 3 -> { // nearest to a midpoint between two 17-digit decimals
                long m = (r >>> 7) % 100_000_000_000_000_000L;
                int e = (int) (r & 0x7F) * 5 - 340 + (int) (m % 5);
                return Double.doubleToRawLongBits(Double.parseDouble(m + "5e" + e));
            }
            case 4 -> { // a power of ten, -2..+2 units in the last place
                int n = (int) ((r >>> 32) % 632) - 323;
                long ulps = (r & 0xF) % 5 - 2;
                return withSign(Double.doubleToRawLongBits(Double.parseDouble("1e" + n)) + ulps, (r >>> 4) & 1);
            }
            case 5 -> { // a subnormal
                long fraction = (r >>> 12) >>> ((r & 0x3F) % 52);
                return withSign(fraction, (r >>> 6) & 1);
            }
            case 6 -> { // an integer below 2^53 divided by 2^p, p in 0..7 (exact ties among them)
                long m = (r >>> 11) >>> (((r >>> 2) & 0x3F) % 53);
                return withSign(Double.doubleToRawLongBits(Math.scalb((double) m, -(int) ((r >>> 8) & 7))), r & 1);
            }
            case 7 -> { // a power of two, -2..+2 units in the last place
                long exponent = (r >>> 11) % 2047;
                long ulps = (r & 0xF) % 5 - 2;
                return withSign(Math.max(0, (exponent << 52) + ulps), (r >>> 4) & 1);
            }
            default -> { // any bit pattern
                return r;
            }
        }
    }

    private static long withSign(long bits, long negative) {
        return negative != 0 ? bits | Long.MIN_VALUE : bits;
    }
}
