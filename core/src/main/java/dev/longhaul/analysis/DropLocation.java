package dev.longhaul.analysis;

/**
 * Where the compared side's quality fell away from the baseline's: the change test found a lower level from
 * {@code turn} on, at its level.
 *
 * @param turn         the first turn of the lower level (the split the test chose)
 * @param firstInSet   the earliest turn of the confidence set for where the drop starts
 * @param lastInSet    the latest turn of that set
 * @param setLevel     the set's confidence level, e.g. 0.95
 * @param pValue       the change test's p-value
 * @param meanBefore   the mean per-turn quality difference before {@code turn}
 * @param meanAfter    the mean per-turn quality difference from {@code turn} on
 */
public record DropLocation(int turn, int firstInSet, int lastInSet, double setLevel, double pValue, double meanBefore,
                           double meanAfter) {
}
