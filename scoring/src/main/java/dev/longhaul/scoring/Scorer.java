package dev.longhaul.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores one turn of a conversation. Implementations must be thread-safe and deterministic: the same input always
 * gives the same score, so that saved responses can be re-scored later.
 *
 * <p>The default is {@link HeuristicScorer}, the seed's formula. To add metrics of your own beside it, combine:
 * {@code Scorer.combine(new HeuristicScorer(), myScorer)} keeps the first scorer's quality score and appends the
 * others' metrics. To choose a scorer by name ({@code --scorer NAME}), register a {@link ScorerProvider}.
 *
 * <p>A scorer that throws, or returns no {@code quality_score} ({@link TurnScore} refuses to hold such metrics), is
 * recorded by the session as a scorer failure of that turn: the answer is kept, the turn is not scored.
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores one turn. May be called from several threads at once, when the parallel runs of a study share one
     * scorer instance; an exception it throws makes the turn a scorer failure, not the end of the run.
     *
     * @param input the turn's number, phase, prompt and answer
     * @return its quality score and metrics, in the order the report writes them
     */
    TurnScore score(TurnInput input);

    /**
     * The name a report's config and a checkpoint record the scorer by, so that a resumed run can check it is scored
     * alike. Stable across runs: by default the class name, which a lambda does not have; give a lambda one with
     * {@link #named(String, Scorer)}.
     *
     * @return the scorer's name
     */
    default String name() {
        return getClass().getName();
    }

    /**
     * A scorer with a name of your choosing, for example for a lambda.
     *
     * @param name   its name, not blank
     * @param scorer what scores
     * @return the named scorer
     */
    static Scorer named(String name, Scorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scorer's name must not be blank");
        }
        return new Scorer() {
            @Override
            public TurnScore score(TurnInput input) {
                return scorer.score(input);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * A scorer whose quality score is {@code primary}'s and whose metrics are {@code primary}'s followed by those of
     * each further scorer (keys already present are kept from the earlier scorer). Its name is the scorers' names
     * joined by {@code +}.
     *
     * @param primary the scorer that decides {@code quality_score}
     * @param others  scorers that contribute further metrics
     * @return the combined scorer
     */
    static Scorer combine(Scorer primary, Scorer... others) {
        Objects.requireNonNull(primary, "primary");
        List<Scorer> rest = List.of(others);
        List<String> names = new ArrayList<>(List.of(primary.name()));
        rest.forEach(s -> names.add(s.name()));
        return named(String.join("+", names), input -> {
            TurnScore score = primary.score(input);
            for (Scorer other : rest) {
                score = score.plus(other.score(input).metrics());
            }
            return score;
        });
    }
}
