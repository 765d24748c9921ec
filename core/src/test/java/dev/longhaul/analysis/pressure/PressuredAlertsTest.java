package dev.longhaul.analysis.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PressuredAlertsTest {

    private static TurnMetrics turn(int turn, String pressure, boolean truncated, boolean excluded) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quality_score", 0.5);
        values.put("context_size", 100);
        if (pressure != null) {
            values.put("context_pressure", pressure);
        }
        if (truncated) {
            values.put("context_truncated_suspected", true);
        }
        if (excluded) {
            values.put("excluded_from_quality", true);
        }
        return new TurnMetrics(turn, "p", values);
    }

    private static final DegradationAlert AT_9 = new DegradationAlert(9, "p", 0.2, 0.8, 0.6);

    private static List<DegradationAlert> mark(List<TurnMetrics> answered) {
        List<TurnMetrics> measured = answered.stream().filter(t -> !t.excludedFromQuality()).toList();
        return PressuredAlerts.mark(List.of(AT_9), measured, answered, 2);
    }

    private static List<TurnMetrics> turns(int pressuredTurn, String pressure, boolean truncated) {
        List<TurnMetrics> turns = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            turns.add(t == pressuredTurn ? turn(t, pressure, truncated, false) : turn(t, null, false, false));
        }
        return turns;
    }

    @Test
    void marksAnAlertWhoseTurnOrWindowWasPressured() {
        assertEquals(List.of(AT_9), mark(turns(0, null, false)));
        assertEquals(List.of(AT_9.withContextPressure()), mark(turns(9, "near", false)));
        assertEquals(List.of(AT_9.withContextPressure()), mark(turns(7, "full", false)), "first turn of a 2-turn window");
        assertEquals(List.of(AT_9.withContextPressure()), mark(turns(8, null, true)));
        assertEquals(List.of(AT_9), mark(turns(6, "full", false)), "before the window");
        assertEquals(List.of(AT_9), mark(turns(10, "full", false)), "after the alert");
    }

    @Test
    void theWindowSpansMeasuredTurnsAndCoversExcludedTurnsBetweenThem() {
        // measured turns 5, 8 (window 2 of turn 9 = turns 5 and 8); excluded turns 6 and 7 lie inside it
        List<TurnMetrics> answered = List.of(turn(4, null, false, false), turn(5, null, false, false),
                turn(6, "near", false, true), turn(7, null, false, true), turn(8, null, false, false),
                turn(9, null, false, false));
        assertEquals(List.of(AT_9.withContextPressure()), mark(answered));
        List<TurnMetrics> before = List.of(turn(3, "full", false, true), turn(4, null, false, false),
                turn(5, null, false, false), turn(8, null, false, false), turn(9, null, false, false));
        assertEquals(List.of(AT_9), mark(before));
    }
}
