package dev.longhaul.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnScoreTest {

    @Test
    void ofAppendsQualityScoreAfterTheGivenMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("b", 1);
        metrics.put("a", 2L);
        TurnScore score = TurnScore.of(0.5, metrics);
        assertEquals(List.of("b", "a", "quality_score"), List.copyOf(score.metrics().keySet()));
        assertEquals(0.5, score.metrics().get("quality_score"));
    }

    @Test
    void metricsAreACopyThatCannotBeModified() {
        Map<String, Object> metrics = new HashMap<>(Map.of("x", 1, "quality_score", 0.1));
        TurnScore score = new TurnScore(metrics);
        metrics.put("y", 2);
        assertEquals(Map.of("x", 1, "quality_score", 0.1), score.metrics());
        assertThrows(UnsupportedOperationException.class, () -> score.metrics().put("z", 3));
    }

    @Test
    void rejectsValuesThatAReportCannotHold() {
        Map<String, Object> nested = Map.of("list", List.of(1), "quality_score", 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TurnScore(nested));
        assertTrue(e.getMessage().contains("'list'") && e.getMessage().contains("List"), e.getMessage());

        Map<String, Object> withNull = new HashMap<>();
        withNull.put("missing", null);
        withNull.put("quality_score", 0.0);
        e = assertThrows(IllegalArgumentException.class, () -> new TurnScore(withNull));
        assertTrue(e.getMessage().contains("'missing'") && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void acceptsEveryScalarType() {
        TurnScore score = new TurnScore(Map.of("i", 1, "l", 2L, "d", 0.5, "b", true, "s", "text",
                "quality_score", 0.3));
        assertEquals(6, score.metrics().size());
        assertEquals(0.3, score.qualityScore());
    }

    @Test
    void theQualityScoreIsHeldOnceAndMustBeThere() {
        assertEquals("the metrics have no quality_score", assertThrows(IllegalArgumentException.class,
                () -> new TurnScore(Map.of("response_length", 3))).getMessage());
        assertEquals("quality_score high is not a finite number", assertThrows(IllegalArgumentException.class,
                () -> new TurnScore(Map.of("quality_score", "high"))).getMessage());
        assertEquals("quality_score NaN is not a finite number", assertThrows(IllegalArgumentException.class,
                () -> TurnScore.of(Double.NaN, Map.of())).getMessage());
        assertEquals(0.25, new TurnScore(Map.of("quality_score", 0.25)).qualityScore());
    }

    @Test
    void plusAppendsWithoutOverwriting() {
        TurnScore score = TurnScore.of(0.7, Map.of("a", 1)).plus(Map.of("a", 9, "quality_score", 0.0));
        assertEquals(Map.of("a", 1, "quality_score", 0.7), score.metrics());
        assertEquals(0.7, score.qualityScore());

        LinkedHashMap<String, Object> more = new LinkedHashMap<>();
        more.put("z", 1);
        more.put("y", 2);
        assertEquals(List.of("a", "quality_score", "z", "y"),
                List.copyOf(TurnScore.of(0.7, Map.of("a", 1)).plus(more).metrics().keySet()));
    }
}
