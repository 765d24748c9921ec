package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Parity with the seed: every case of {@code parity/heuristic-parity.jsonl} holds the metrics that the seed's own
 * {@code compute_quality_metrics} (Python 3.11.7) returned for the case's prompt and response. Integers and flags
 * must be equal, and doubles equal bit for bit (stricter than the 1e-12 the brief allows), key order included.
 */
class HeuristicParityTest {

    private static final List<ParityCase> CASES = ParityCase.loadAll();

    @Test
    void theSuiteCoversEnoughInputsAndAllFiftySeedPrompts() {
        assertTrue(CASES.size() >= 300, "only " + CASES.size() + " parity cases");
        long seedPrompts = CASES.stream().filter(c -> c.id().startsWith("seed-turn")).map(ParityCase::prompt)
                .distinct().count();
        assertEquals(50, seedPrompts);
        assertTrue(CASES.stream().anyMatch(c -> c.response().length() >= 200_000), "no 200 KB input");
    }

    @TestFactory
    Stream<DynamicTest> heuristicScorerMatchesTheSeed() {
        HeuristicScorer scorer = new HeuristicScorer();
        return CASES.stream().map(c -> dynamicTest(c.id(), () -> {
            TurnScore score = scorer.score(c.input());
            assertMetricsEqual(c.expected(), score.metrics(), c.id());
            assertEquals(c.expected().get("quality_score").doubleValue(), score.qualityScore(), c.id());
        }));
    }

    @TestFactory
    Stream<DynamicTest> markdownListScorerDiffersOnlyInListsAndScore() {
        MarkdownListHeuristicScorer scorer = new MarkdownListHeuristicScorer();
        return CASES.stream().map(c -> dynamicTest(c.id(), () -> {
            TurnScore score = scorer.score(c.input());
            JsonNode fixed = c.expectedMarkdownLists();
            assertEquals(fixed.get("has_lists").booleanValue(), score.metrics().get("has_lists"), c.id());
            assertEquals(fixed.get("quality_score").doubleValue(), score.qualityScore(), c.id());
            for (String key : List.of("response_length", "line_count", "code_density", "hallucinated_references",
                    "has_headers", "has_code_blocks", "repetition_ratio", "prompt_relevance")) {
                assertScalarEquals(c.expected().get(key), score.metrics().get(key), c.id() + " " + key);
            }
        }));
    }

    private static void assertMetricsEqual(JsonNode expected, Map<String, Object> actual, String id) {
        List<String> expectedKeys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        assertEquals(expectedKeys, new ArrayList<>(actual.keySet()), id + ": metric names or order");
        for (String key : expectedKeys) {
            assertScalarEquals(expected.get(key), actual.get(key), id + " " + key);
        }
    }

    private static void assertScalarEquals(JsonNode expected, Object actual, String what) {
        if (expected.isBoolean()) {
            assertEquals(expected.booleanValue(), assertInstanceOf(Boolean.class, actual, what), what);
        } else if (expected.isIntegralNumber()) {
            assertEquals(expected.intValue(), assertInstanceOf(Integer.class, actual, what), what);
        } else {
            double value = assertInstanceOf(Double.class, actual, what);
            assertEquals(expected.doubleValue(), value, what);
        }
    }
}
