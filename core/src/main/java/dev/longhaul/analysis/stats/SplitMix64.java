package dev.longhaul.analysis.stats;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, 2014): a 64-bit state advanced by the golden-ratio increment and
 * mixed by two multiply-xorshift rounds. Chosen because every Monte Carlo draw of this package must be reproducible
 * outside Java — it is five lines in any language — not for speed or statistical strength beyond what resampling needs.
 */
public final class SplitMix64 {

    private long state;

    /** @param seed the initial state */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the next 64 random bits */
    public long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * An index drawn uniformly enough from {@code [0, bound)}: the next value, unsigned, modulo {@code bound} (the
     * modulo bias is below 2<sup>-40</sup> for any bound this package uses).
     *
     * @param bound the exclusive upper bound, positive
     * @return the index
     */
    public int nextIndex(int bound) {
        return (int) Long.remainderUnsigned(next(), bound);
    }


    /** @return a double uniform in [0, 1): the top 53 bits of the next value */
    public double nextDouble() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal value by the Box–Muller transform of two {@link #nextDouble()} values {@code u1, u2}:
     * {@code √(−2 ln(1 − u1)) cos(2π u2)} (one value per two draws, so that the sequence depends on nothing but the
     * seed and the number of calls).
     *
     * @return the value
     */
    public double nextGaussian() {
        double radius = Math.sqrt(-2 * Math.log(1 - nextDouble()));
        return radius * Math.cos(2 * Math.PI * nextDouble());
    }
}
