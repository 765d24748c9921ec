package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static Summary withAverage(double avg) {
        return new Summary(avg, 0.1, 0.9, 2, 7, 300.0, 4, 0.05, 0);
    }

    @Test
    void namesTheBetterRunOnlyBeyondFiveHundredths() {
        assertEquals("No significant quality difference",
                Comparison.of("f16", withAverage(0.700), "q8_0", withAverage(0.750)).verdict());
        assertEquals("q4_0 is BETTER by 0.051",
                Comparison.of("f16", withAverage(0.700), "q4_0", withAverage(0.751)).verdict());
        assertEquals("f16 is BETTER by 0.051",
                Comparison.of("f16", withAverage(0.700), "turbo4", withAverage(0.649)).verdict());
        assertEquals("No significant quality difference",
                Comparison.of("f16", withAverage(0.700), "turbo4", withAverage(0.650)).verdict());
    }

    @Test
    void roundsTheDeltaAsPythonDoes() {
        // 0.751 - 0.7 is 0.05100000000000004; round(., 3) is 0.051
        assertEquals(0.051, Comparison.of("a", withAverage(0.7), "b", withAverage(0.751)).qualityDelta());
        assertEquals(-0.051, Comparison.of("a", withAverage(0.7), "b", withAverage(0.649)).qualityDelta());
    }

    @Test
    void labelsRunsByKvTypeOrByPosition() {
        SessionReport withKv = report("q8_0");
        SessionReport without = report(null);
        assertEquals(new Pair<>("q8_0", "run_b"), Comparison.of(withKv, without).labels());
        assertEquals(new Pair<>("run_a", "q8_0"), Comparison.of(without, withKv).labels());
    }

    @Test
    void carriesEveryFigureOfBothRuns() {
        Summary b = new Summary(0.6, 0.2, 0.8, 0, null, 100.0, 1, 0.01, 3);
        Comparison c = Comparison.of("a", withAverage(0.7), "b", b);
        assertEquals(new Pair<>(0.7, 0.6), c.avgQuality());
        assertEquals(new Pair<>(0.1, 0.2), c.minQuality());
        assertEquals(new Pair<>(2, 0), c.degradationEvents());
        assertEquals(new Pair<>(7, null), c.firstDegradation());
        assertEquals(new Pair<>(4L, 1L), c.hallucinatedRefs());
        assertEquals(new Pair<>(0.05, 0.01), c.repetitionRatio());
        assertEquals(new Pair<>(0, 3), c.failedTurns());
        assertEquals("a is BETTER by 0.100", c.verdict());
    }

    private static SessionReport report(String kvType) {
        return new SessionReport(new RunConfig("ollama", "m", kvType, 1, 20, "t", Map.of()), List.of(), List.of(),
                withAverage(0.7), List.of(), List.of());
    }
}
