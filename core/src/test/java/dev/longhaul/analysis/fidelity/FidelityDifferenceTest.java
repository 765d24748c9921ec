package dev.longhaul.analysis.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.stats.RatioEstimate;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FidelityDifferenceTest {

    @Test
    void twoArmsAreComparedTurnByTurnOnTheSamePositions() {
        int turns = 12;
        double[] kldDelta = new double[turns];
        double[] sameDelta = new double[turns];
        double[] positions = new double[turns];
        List<TurnMetrics> q8 = new ArrayList<>();
        List<TurnMetrics> q4 = new ArrayList<>();
        for (int t = 0; t < turns; t++) {
            int n = 3 + t % 4;
            double[] small = new double[n];
            double[] large = new double[n];
            for (int i = 0; i < n; i++) {
                small[i] = 0.001 * (i + 1);
                large[i] = 0.1 * (i + 1) + 0.01 * t;
            }
            q8.add(turn(t + 1, small, n));
            q4.add(turn(t + 1, large, n - 1));
            kldDelta[t] = Arrays.stream(large).sum() - Arrays.stream(small).sum();
            sameDelta[t] = -1;
            positions[t] = n;
        }
        FidelityDifference d = FidelityDifference.of("q8_0", List.of(report(q8)), "q4_0", List.of(report(q4)))
                .orElseThrow();
        assertEquals(List.of("q8_0", "q4_0"), d.labels());
        assertEquals(turns, d.turns());
        assertEquals(RatioEstimate.of(kldDelta, positions, 0.95), d.kldMean());
        assertEquals(RatioEstimate.of(sameDelta, positions, 0.95), d.sameTopRate());
        assertTrue(d.kldMean().interval().low() > 0, "q4_0 moves every turn more");
        assertEquals(List.of("arms", "turns", "kld_mean_delta", "kld_mean_delta_ci95", "kld_mean_delta_p_value",
                "same_top_delta", "same_top_delta_ci95", "same_top_delta_p_value"), new ArrayList<>(d.toMap().keySet()));
    }

    @Test
    void tooFewTurnsGiveNothingAndRunsWithoutARepeatMustPairUp() {
        SessionReport a = report(List.of(turn(1, new double[] {0.1}, 1)));
        assertEquals(Optional.empty(), FidelityDifference.of("x", List.of(a), "y", List.of(a)));
        assertEquals("fidelity of two arms is compared run by run: 2 runs and 1 runs without ab_repeat to match them",
                assertThrows(IllegalArgumentException.class,
                        () -> FidelityDifference.of("x", List.of(a, a), "y", List.of(a))).getMessage());
    }

    private static TurnMetrics turn(int turn, double[] kld, int sameTop) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("quality_score", 0.5);
        v.put(MetricKey.FIDELITY_TOP_K.name(), 50);
        v.put(MetricKey.FORCED_TOKENS.name(), kld.length);
        v.put(MetricKey.SAME_TOP_TOKENS.name(), sameTop);
        v.put(MetricKey.KLD_VALUES.name(), Arrays.stream(kld).boxed().toList());
        return new TurnMetrics(turn, "code_gen", v);
    }

    private static SessionReport report(List<TurnMetrics> turns) {
        return new SessionReport(new RunConfig("llamacpp", "m", "q8_0", turns.size(), 20, "t", Map.of()), turns,
                List.of(), new Summary(0.5, 0.5, 0.5, 0, 0, 0.0, 0, 0.0, 0), List.of(), List.of());
    }
}
