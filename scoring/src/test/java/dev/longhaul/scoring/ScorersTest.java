package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorersTest {

    private static final TurnInput BULLETS = new TurnInput(3, "debug", "Explain the lock",
            "The lock protects the refill and the decrement:\n\n- refill\n- decrement\n");

    @Test
    void heuristicScorerReportsTheSeedMetricsInOrderWithJavaTypes() {
        TurnScore score = new HeuristicScorer().score(BULLETS);
        assertEquals(List.of("response_length", "line_count", "code_density", "hallucinated_references",
                "has_headers", "has_code_blocks", "has_lists", "repetition_ratio", "prompt_relevance",
                "quality_score"), List.copyOf(score.metrics().keySet()));
        assertInstanceOf(Integer.class, score.metrics().get("response_length"));
        assertInstanceOf(Integer.class, score.metrics().get("line_count"));
        assertInstanceOf(Integer.class, score.metrics().get("hallucinated_references"));
        assertInstanceOf(Double.class, score.metrics().get("code_density"));
        assertInstanceOf(Boolean.class, score.metrics().get("has_lists"));
        assertEquals(HeuristicMetrics.compute(BULLETS.prompt(), BULLETS.response()).toTurnScore(), score);
    }

    @Test
    void markdownScorerCountsBulletsTheSeedMisses() {
        TurnScore seed = new HeuristicScorer().score(BULLETS);
        TurnScore markdown = new MarkdownListHeuristicScorer().score(BULLETS);
        assertEquals(false, seed.metrics().get("has_lists"));
        assertEquals(true, markdown.metrics().get("has_lists"));
        assertEquals(seed.qualityScore() + 0.03, markdown.qualityScore(), 1e-12);
    }

    @Test
    void bothScorersAgreeWhenTheSeedAlreadySeesTheList() {
        TurnInput numbered = new TurnInput(1, "code_gen", "Explain", "1. refill\n2. decrement");
        assertEquals(new HeuristicScorer().score(numbered), new MarkdownListHeuristicScorer().score(numbered));
    }

    @Test
    void combineKeepsThePrimaryScoreAndAppendsNewMetrics() {
        Scorer words = input -> TurnScore.of(0.0, Map.of("word_count", input.response().split("\\s+").length));
        Scorer combined = Scorer.combine(new HeuristicScorer(), words);

        TurnScore primary = new HeuristicScorer().score(BULLETS);
        TurnScore score = combined.score(BULLETS);

        assertEquals(primary.qualityScore(), score.qualityScore());
        assertEquals(primary.qualityScore(), score.metrics().get(TurnScore.QUALITY_SCORE),
                "the other scorer's quality_score must not replace the primary's");
        assertEquals(11, score.metrics().size());
        assertEquals("word_count", List.copyOf(score.metrics().keySet()).get(10));
        assertEquals(12, score.metrics().get("word_count"));
    }

    @Test
    void combineKeepsEarlierValuesForRepeatedKeysInScorerOrder() {
        Scorer first = input -> TurnScore.of(0.9, Map.of("shared", "first"));
        Scorer second = input -> TurnScore.of(0.1, Map.of("shared", "second", "extra", 2));
        Scorer third = input -> TurnScore.of(0.2, Map.of("extra", 3, "last", true));

        TurnScore score = Scorer.combine(first, second, third).score(BULLETS);

        assertEquals(0.9, score.qualityScore());
        assertEquals(Map.of("shared", "first", "quality_score", 0.9, "extra", 2, "last", true), score.metrics());
        assertEquals(List.of("shared", "quality_score", "extra", "last"), List.copyOf(score.metrics().keySet()));
    }

    @Test
    void combineWithoutOthersIsThePrimary() {
        assertEquals(new HeuristicScorer().score(BULLETS), Scorer.combine(new HeuristicScorer()).score(BULLETS));
        assertNotEquals(new HeuristicScorer().score(BULLETS), new MarkdownListHeuristicScorer().score(BULLETS));
    }

    @Test
    void scorersAreFoundByTheNamesTheirProvidersGive() {
        Scorers scorers = Scorers.discover();
        assertEquals(List.of("heuristic", "heuristic-markdown-lists"), scorers.names());
        assertInstanceOf(HeuristicScorer.class, scorers.create("heuristic"));
        assertInstanceOf(MarkdownListHeuristicScorer.class, scorers.create("heuristic-markdown-lists"));
        assertEquals("no scorer named 'heuristics'; known: heuristic, heuristic-markdown-lists",
                assertThrows(IllegalArgumentException.class, () -> scorers.create("heuristics")).getMessage());
        assertInstanceOf(MarkdownListHeuristicScorer.class,
                scorers.byScorerName(MarkdownListHeuristicScorer.class.getName()).orElseThrow());
        assertEquals(Optional.empty(), scorers.byScorerName("no.such.Scorer"));
    }

    @Test
    void aScorerIsNamedByItsClassUnlessNamedOtherwise() {
        assertEquals("dev.longhaul.scoring.HeuristicScorer", new HeuristicScorer().name());
        Scorer words = Scorer.named("words", input -> TurnScore.of(0.0, Map.of()));
        assertEquals("words", words.name());
        assertEquals("dev.longhaul.scoring.HeuristicScorer+words", Scorer.combine(new HeuristicScorer(), words).name());
        assertThrows(IllegalArgumentException.class, () -> Scorer.named(" ", words));
    }
}
