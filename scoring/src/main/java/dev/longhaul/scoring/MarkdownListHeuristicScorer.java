package dev.longhaul.scoring;

/**
 * The seed's heuristic metrics with one fix: {@code has_lists} also recognises Markdown lists ({@code "- item"},
 * {@code "* item"}, {@code "+ item"}, {@code "1. item"}, {@code "1) item"}, indented or not), which the seed's
 * pattern {@code ^[\-\*\d]\.\s} misses; see {@link ListRule#MARKDOWN}.
 *
 * <p>Everything else is identical to {@link HeuristicScorer}. A response with a Markdown bullet list and no
 * {@code "1. "} item scores 0.03 higher here ({@code 0.10 * (1 - 0.7)}), and never lower, so scores from this scorer
 * must not be compared with scores from the seed or from {@link HeuristicScorer}. Stateless and thread-safe.
 */
public final class MarkdownListHeuristicScorer implements Scorer {

    /** Creates the scorer. */
    public MarkdownListHeuristicScorer() {
    }

    @Override
    public TurnScore score(TurnInput input) {
        return HeuristicMetrics.compute(input.prompt(), input.response(), ListRule.MARKDOWN).toTurnScore();
    }
}
