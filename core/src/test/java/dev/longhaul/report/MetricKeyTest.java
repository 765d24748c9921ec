package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.session.LongSession;
import dev.longhaul.testing.ScriptedBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalogue of per-turn metrics, typed, against what the scorer and the session really write. */
class MetricKeyTest {

    @Test
    void theSeedsTenAreTheDefaultScorersInItsOrder() {
        List<String> scorer = List.copyOf(new HeuristicScorer()
                .score(new TurnInput(1, "code_gen", "Write a class.", "class A:\n    pass\n")).metrics().keySet());
        assertEquals(scorer, MetricKey.SEED_SCORER.stream().map(MetricKey::name).toList());
    }

    @Test
    void aSessionsTurnReadsTypedThroughTheCatalogue() throws Exception {
        SessionReport report = LongSession.builder().backend(ScriptedBackend.healthy(), "scripted").turns(1)
                .delay(Duration.ZERO).run();
        TurnMetrics turn = report.turnMetrics().get(0);

        List<String> keys = List.copyOf(turn.values().keySet());
        assertEquals(MetricKey.SEED_SCORER.stream().map(MetricKey::name).toList(), keys.subList(0, 10));
        assertEquals(List.of("elapsed_s", "tokens_generated"), keys.subList(10, 12), "the seed's stats first");
        assertEquals(Optional.of(turn.qualityScore()), turn.get(MetricKey.QUALITY_SCORE));
        assertEquals(turn.values().get("response_length"), turn.get(MetricKey.RESPONSE_LENGTH).orElseThrow());
        assertEquals(Optional.empty(), turn.get(MetricKey.of("python_blocks", Integer.class)));
    }

    @Test
    void numbersConvertToTheKeysTypeAndOtherMismatchesAreAbsent() {
        Map<String, Object> values = Map.of("a", 3L, "b", 2, "c", "text", "quality_score", 1);
        assertEquals(Optional.of(3), MetricKey.of("a", Integer.class).in(values));
        assertEquals(Optional.of(2.0), MetricKey.of("b", Double.class).in(values));
        assertEquals(Optional.empty(), MetricKey.of("c", Double.class).in(values));
        assertEquals(Optional.of(1.0), MetricKey.QUALITY_SCORE.in(values));
        assertThrows(IllegalArgumentException.class, () -> MetricKey.of("Python-Blocks", Integer.class));
        assertThrows(IllegalArgumentException.class, () -> MetricKey.of("blocks", List.class));
    }
}
