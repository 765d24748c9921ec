package dev.longhaul.scoring;

/** Provides {@link MarkdownListHeuristicScorer} as {@code heuristic-markdown-lists}. */
public final class MarkdownListScorerProvider implements ScorerProvider {

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public MarkdownListScorerProvider() {
    }

    @Override
    public String name() {
        return "heuristic-markdown-lists";
    }

    @Override
    public String description() {
        return "the seed's metrics with Markdown lists counted as lists (scores not comparable with heuristic)";
    }

    @Override
    public Scorer create() {
        return new MarkdownListHeuristicScorer();
    }
}
