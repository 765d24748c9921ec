package dev.longhaul.analysis;

import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of a comparison object (an entry of {@code comparison.json}, a trade-off row) that state a verdict or
 * the interval it rests on: a renderer shows each as a line of its own, {@link #VERDICT} first, rather than as a
 * figure of the table. Every other key is a figure, laid out by the shape of its value.
 *
 * <p>{@link ComparisonJson}, {@link RepeatedComparisonJson} and the trade-off summary write these keys through
 * {@link #key()}, so the catalogue and the documents cannot name them differently.
 */
public enum VerdictLine {
    /** The comparison's verdict: the seed's sentence in a two-run comparison, the tested one in a repeated one. */
    VERDICT("verdict"),
    /** The seed's sentence beside a repeated comparison's tested verdict. */
    SEED_VERDICT("seed_verdict"),
    /** The interval of the quality delta a trade-off row's verdict rests on. */
    QUALITY_DELTA_INTERVAL("quality_delta_interval"),
    /** The confidence level of that interval. */
    QUALITY_INTERVAL_LEVEL("quality_interval_level");

    private final String key;

    VerdictLine(String key) {
        this.key = key;
    }

    /** @return the key in JSON */
    public String key() {
        return key;
    }

    /**
     * @param key a comparison object's key
     * @return the verdict line it names; empty for a figure
     */
    public static Optional<VerdictLine> of(String key) {
        return Arrays.stream(values()).filter(line -> line.key.equals(key)).findFirst();
    }
}
