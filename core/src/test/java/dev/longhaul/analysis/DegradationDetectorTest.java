package dev.longhaul.analysis;

import static dev.longhaul.analysis.Turns.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.TurnMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class DegradationDetectorTest {

    private final DegradationDetector detector = new DegradationDetector();

    @Test
    void usesTheSeedsDefaults() {
        assertEquals(5, detector.window());
        assertEquals(0.15, detector.threshold());
    }

    @Test
    void flagsADropBeyondTheThresholdAgainstThePrecedingWindow() {
        List<DegradationAlert> alerts = detector.detect(scored(0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.9));
        assertEquals(List.of(new DegradationAlert(6, "code_gen", 0.5, 0.9, 0.4)), alerts);
    }

    @Test
    void comparesInDoubleArithmeticAsPythonDoes() {
        // 0.8 - 0.65 is 0.15000000000000002, above the threshold; 0.3 - 0.15 is 0.15 and 0.6 - 0.45 is
        // 0.14999999999999997, neither above it
        assertEquals(1, detector.detect(scored(0.8, 0.8, 0.8, 0.8, 0.8, 0.65)).size());
        assertEquals(0, detector.detect(scored(0.3, 0.3, 0.3, 0.3, 0.3, 0.15)).size());
        assertEquals(0, detector.detect(scored(0.6, 0.6, 0.6, 0.6, 0.6, 0.45)).size());
    }

    @Test
    void neverJudgesTheFirstWindow() {
        assertEquals(List.of(), detector.detect(scored(0.9, 0.1, 0.1, 0.1, 0.1)));
        assertEquals(List.of(), new DegradationDetector(2, 0.1).detect(scored(0.9, 0.1)));
        assertEquals(1, new DegradationDetector(1, 0.1).detect(scored(0.9, 0.1)).size());
    }

    @Test
    void roundsAlertValuesToThreeDecimalsHalfEvenOnTheBinaryValue() {
        DegradationAlert alert = new DegradationDetector(1, 0.0).detect(scored(0.9, 0.1235)).get(0);
        assertEquals(0.123, alert.currentScore()); // 0.1235 is stored as 0.12349999...
        assertEquals(0.9, alert.windowAvg());
        assertEquals(0.776, alert.drop());
    }

    @Test
    void judgesOneTurnAtATimeForLiveUse() {
        List<TurnMetrics> turns = scored(0.9, 0.9, 0.9, 0.9, 0.9, 0.5);
        assertTrue(detector.alertFor(turns, 5).isPresent());
        assertTrue(detector.alertFor(turns, 4).isEmpty());
        assertTrue(detector.alertFor(turns, 6).isEmpty());
    }

    @Test
    void reportsTheTurnNumberNotThePosition() {
        List<TurnMetrics> turns = List.of(Turns.turn(1, "a", 0.9, 1, 0, 0), Turns.turn(3, "a", 0.2, 1, 0, 0));
        assertEquals(3, new DegradationDetector(1, 0.15).detect(turns).get(0).turn());
    }

    @Test
    void rejectsAWindowBelowOneAndANonFiniteThreshold() {
        assertEquals("degradation window must be at least 1 turn, was 0",
                assertThrows(IllegalArgumentException.class, () -> new DegradationDetector(0, 0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DegradationDetector(5, Double.NaN));
    }
}
