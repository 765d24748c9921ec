package dev.longhaul.analysis;

/**
 * One figure of two runs being compared, as the seed's two-element comparison lists hold it.
 *
 * @param <T> the figure's type
 * @param a   the first run's value
 * @param b   the second run's value
 */
public record Pair<T>(T a, T b) {
}
