package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.ProbeRecall.Tally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeRecallTest {

    private static TurnMetrics probe(int turn, Integer distance, boolean inContext, boolean recalled) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quality_score", 0.1);
        values.put("probe_key", "k" + turn);
        values.put("probe_distance_turns", distance);
        values.put("probe_in_context", inContext);
        values.put("probe_recalled", recalled);
        return new TurnMetrics(turn, "p", values);
    }

    private static TurnMetrics ordinary(int turn) {
        return new TurnMetrics(turn, "p", Map.of("quality_score", 0.9));
    }

    @Test
    void bucketsDistancesAtTheirBoundaries() {
        assertEquals(List.of("1-5", "1-5", "6-10", "6-10", "11-20", "11-20", "21+", "21+"),
                List.of(1, 5, 6, 10, 11, 20, 21, 400).stream().map(ProbeRecall::bucket).toList());
        assertEquals("a probe distance is at least 1 turn, was 0",
                assertThrows(IllegalArgumentException.class, () -> ProbeRecall.bucket(0)).getMessage());
    }

    @Test
    void countsRecallOverallInAndOutOfContextAndPerDistance() {
        List<TurnMetrics> turns = List.of(ordinary(1), probe(2, 1, true, true), probe(3, 5, true, false),
                probe(4, 6, true, true), probe(5, 10, false, false), probe(6, 11, true, true), probe(7, 20, true, true),
                probe(8, 21, false, true), probe(9, 30, false, false), probe(10, null, false, false), ordinary(11));
        ProbeRecall r = ProbeRecall.of(turns).orElseThrow();
        assertEquals(new Tally(8, 5), r.all());
        assertEquals(0.625, r.all().recall());
        assertEquals(new Tally(5, 4), r.inContext());
        assertEquals(0.8, r.inContext().recall());
        assertEquals(new Tally(3, 1), r.outOfContext());
        assertEquals(0.333, r.outOfContext().recall());
        assertEquals(List.of("1-5", "6-10", "11-20", "21+"), List.copyOf(r.byDistance().keySet()));
        assertEquals(List.of(new Tally(2, 1), new Tally(2, 1), new Tally(2, 2), new Tally(2, 1)),
                List.copyOf(r.byDistance().values()));
        assertEquals(1, r.unplanted());
    }

    @Test
    void roundsRecallAsPythonDoesAndHasNoneWithoutProbes() {
        assertEquals(0.667, new Tally(3, 2).recall());
        assertEquals(0.0, new Tally(3, 0).recall());
        assertNull(new Tally(0, 0).recall());
        assertTrue(ProbeRecall.of(List.of(ordinary(1))).isEmpty());
        ProbeRecall onlyUnplanted = ProbeRecall.of(List.of(probe(2, null, true, true))).orElseThrow();
        assertEquals(new Tally(0, 0), onlyUnplanted.all());
        assertEquals(1, onlyUnplanted.unplanted());
    }
}
