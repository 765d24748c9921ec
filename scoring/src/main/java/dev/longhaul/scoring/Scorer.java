package dev.longhaul.scoring;

import java.util.List;
import java.util.Objects;

/**
 * Scores one turn of a conversation. Implementations must be thread-safe and deterministic: the same input always
 * gives the same score, so that saved responses can be re-scored later.
 *
 * <p>The default is {@link HeuristicScorer}, the seed's formula. To add metrics of your own beside it, combine:
 * {@code Scorer.combine(new HeuristicScorer(), myScorer)} keeps the first scorer's quality score and appends the
 * others' metrics.
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores one turn.
     *
     * @param input the turn
     * @return its score and metrics
     */
    TurnScore score(TurnInput input);

    /**
     * A scorer whose quality score is {@code primary}'s and whose metrics are {@code primary}'s followed by those of
     * each further scorer (keys already present are kept from the earlier scorer).
     *
     * @param primary the scorer that decides {@code quality_score}
     * @param others  scorers that contribute further metrics
     * @return the combined scorer
     */
    static Scorer combine(Scorer primary, Scorer... others) {
        Objects.requireNonNull(primary, "primary");
        List<Scorer> rest = List.of(others);
        return input -> {
            TurnScore score = primary.score(input);
            for (Scorer other : rest) {
                score = score.plus(other.score(input).metrics());
            }
            return score;
        };
    }
}
