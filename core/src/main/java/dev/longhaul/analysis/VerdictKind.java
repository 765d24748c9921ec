package dev.longhaul.analysis;

import java.util.Locale;

/** What a comparison's verdict says, for programs: {@code comparison.json}'s {@code verdict_kind}. */
public enum VerdictKind {
    /** The tests found no difference at their level. */
    NO_DIFFERENCE,
    /** The baseline is better: the compared side's mean quality is lower, or its quality fell away from a turn on. */
    BASELINE_BETTER,
    /** The compared side's mean quality is higher. */
    COMPARED_BETTER,
    /** The design or the data cannot answer the question (one free-running run per arm, too few paired turns). */
    INCONCLUSIVE;

    /** @return the name in JSON, e.g. {@code baseline_better} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
