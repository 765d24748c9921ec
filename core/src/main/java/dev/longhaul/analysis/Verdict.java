package dev.longhaul.analysis;

import java.util.Objects;

/**
 * A comparison's judgement of {@code quality_score}: its kind, for programs, and one sentence, for people.
 *
 * @param kind what it says
 * @param text the sentence with the figures it rests on, e.g. {@code "f16 is better: quality delta -0.057, 96% CI
 *             [-0.081, -0.034], p=0.0001"}
 */
public record Verdict(VerdictKind kind, String text) {

    /**
     * @param kind what it says
     * @param text the sentence with the figures it rests on
     */
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
