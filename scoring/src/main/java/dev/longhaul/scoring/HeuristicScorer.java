package dev.longhaul.scoring;

/**
 * The default scorer: the seed's heuristic quality metrics ({@link HeuristicMetrics}), with the seed's list rule
 * ({@link ListRule#SEED}), so that scores compare one to one with runs of the seed's Python script.
 *
 * <p>Metrics, in order: {@code response_length, line_count, code_density, hallucinated_references, has_headers,
 * has_code_blocks, has_lists, repetition_ratio, prompt_relevance, quality_score}. Stateless and thread-safe.
 *
 * @see MarkdownListHeuristicScorer the same metrics with Markdown list detection
 */
public final class HeuristicScorer implements Scorer {

    /** Creates the scorer. */
    public HeuristicScorer() {
    }

    @Override
    public TurnScore score(TurnInput input) {
        return HeuristicMetrics.compute(input.prompt(), input.response(), ListRule.SEED).toTurnScore();
    }
}
