package dev.longhaul.scoring;

/** Provides {@link HeuristicScorer} as {@code heuristic}: the seed's formula, the default. */
public final class HeuristicScorerProvider implements ScorerProvider {

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public HeuristicScorerProvider() {
    }

    @Override
    public String name() {
        return "heuristic";
    }

    @Override
    public String description() {
        return "the seed's heuristic quality score and its ten metrics (the default)";
    }

    @Override
    public Scorer create() {
        return new HeuristicScorer();
    }
}
