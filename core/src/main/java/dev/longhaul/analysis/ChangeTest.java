package dev.longhaul.analysis;

/**
 * The change test as it ran on a comparison's quality differences, whatever it found (see
 * {@link dev.longhaul.analysis.stats.DropTest}).
 *
 * @param turns     turns every run pair answered: the length of the tested series
 * @param units     run pairs averaged into it
 * @param statistic the max-type statistic
 * @param pValue    its Monte Carlo p-value
 */
public record ChangeTest(int turns, int units, double statistic, double pValue) {
}
