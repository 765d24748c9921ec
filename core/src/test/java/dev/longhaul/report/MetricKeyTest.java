package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.scoring.HeuristicScorer;
import dev.longhaul.scoring.TurnInput;
import dev.longhaul.session.LongSession;
import dev.longhaul.testing.ScriptedBackend;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Test
    void theCatalogueSpellsEachNameOnce() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : MetricKey.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == MetricKey.class) {
                names.add(((MetricKey<?>) f.get(null)).name());
            }
        }
        assertTrue(names.containsAll(List.of("excluded_from_quality", "context_fill", "probe_key", "kld_values")),
                names.toString());
        assertEquals(names.size(), Set.copyOf(names).size(), names.toString());
    }

    @Test
    void aTurnAnswersTypedQuestionsAsItsMapWould() {
        Map<String, Object> values = new HashMap<>();
        values.put("quality_score", 0.5);
        values.put("first_divergence_token", null);
        values.put("probe_recalled", true);
        values.put("probe_in_context", "yes");
        values.put("delta_p_tokens", 2.5);
        values.put("kld_values", List.of(0.1, 2));
        TurnMetrics turn = new TurnMetrics(3, "code_gen", values);

        assertTrue(turn.has(MetricKey.FIRST_DIVERGENCE_TOKEN), "a null value is there");
        assertEquals(Optional.empty(), turn.get(MetricKey.FIRST_DIVERGENCE_TOKEN));
        assertFalse(turn.has(MetricKey.PROBE_KEY));
        assertTrue(turn.isTrue(MetricKey.PROBE_RECALLED));
        assertFalse(turn.isTrue(MetricKey.PROBE_IN_CONTEXT), "not a boolean reads as false");
        assertFalse(turn.isTrue(MetricKey.PAST_TRAINED_CONTEXT), "absent reads as false");
        assertEquals(2.5, turn.numberOrNaN(MetricKey.DELTA_P_TOKENS), "the number as written, not as the key's type");
        assertEquals(Optional.of(2L), turn.get(MetricKey.DELTA_P_TOKENS));
        assertTrue(Double.isNaN(turn.numberOrNaN(MetricKey.KLD_MEAN)));
        assertEquals(Optional.of(List.of(0.1, 2)), turn.get(MetricKey.KLD_VALUES));
        assertEquals(Optional.empty(), new TurnMetrics(1, "p", Map.of("quality_score", 1, "kld_values", "x"))
                .get(MetricKey.KLD_VALUES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> turn.number(MetricKey.SAME_TOP_TOKENS));
        assertEquals("turn 3 has no numeric 'same_top_tokens'", e.getMessage());
    }
}
