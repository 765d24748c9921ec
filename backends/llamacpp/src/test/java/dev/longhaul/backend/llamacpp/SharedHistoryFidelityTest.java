package dev.longhaul.backend.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.fidelity.FidelitySummary;
import dev.longhaul.analysis.fidelity.TokenFidelity;
import dev.longhaul.backend.BackendConfig;
import dev.longhaul.experiment.AbExperiment;
import dev.longhaul.experiment.ExperimentResult;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real shared-history A/B on the bundled model with token fidelity per turn: f16 against a second f16 arm and a
 * q4_0 arm, three turns of the seed's script, greedy answers of at most 32 tokens.
 */
class SharedHistoryFidelityTest {

    private static ExperimentResult result;

    @BeforeAll
    static void runTheExperiment() throws Exception {
        TokenFidelity fidelity = new TokenFidelity(TokenFidelity.DEFAULT_TOP_K, true);
        result = AbExperiment.builder()
                .session(b -> b.turns(3).delay(Duration.ZERO))
                .arm("f16", config("f16"))
                .arm("f16-again", config("f16"))
                .arm("q4_0", config("q4_0"))
                .sharedHistory(true)
                .observer(t -> fidelity.measure(t.request(), t.baselineBackend(), t.baselineAnswer(), t.armBackend(),
                        t.armAnswer()))
                .run();
    }

    @Test
    void theBaselineAgainstTheSameCacheTypeHasZeroDivergenceAndTheSameTopEverywhere() {
        SessionReport again = result.reports("f16-again").get(0);
        assertEquals(3, again.turnMetrics().size());
        for (TurnMetrics t : again.turnMetrics()) {
            assertEquals(0.0, t.values().get(MetricKey.KLD_MEAN.name()), "turn " + t.turn());
            assertEquals(0.0, t.values().get(MetricKey.KLD_MAX.name()), "turn " + t.turn());
            assertEquals(1.0, t.values().get(MetricKey.SAME_TOP_RATE.name()), "turn " + t.turn());
            assertTrue(t.values().containsKey(MetricKey.FIRST_DIVERGENCE_TOKEN.name()));
            assertNull(t.values().get(MetricKey.FIRST_DIVERGENCE_TOKEN.name()),
                    "same greedy answer on turn " + t.turn());
            assertEquals(TokenFidelity.DEFAULT_TOP_K, t.values().get(MetricKey.FIDELITY_TOP_K.name()));
            assertTrue(t.number(MetricKey.FORCED_TOKENS.name()).intValue() > 0);
        }
        FidelitySummary summary = FidelitySummary.of(again).orElseThrow();
        assertEquals(0.0, summary.stats().kldMean());
        assertEquals(1.0, summary.stats().sameTopRate());
        assertEquals(0, summary.divergedTurns());
    }

    @Test
    void aQ40CacheMovesTheDistributionsAndEachTurnSaysByHowMuch() {
        SessionReport q4 = result.reports("q4_0").get(0);
        assertEquals(3, q4.turnMetrics().size());
        double largest = 0;
        for (TurnMetrics t : q4.turnMetrics()) {
            int forced = t.number(MetricKey.FORCED_TOKENS.name()).intValue();
            assertEquals(forced, ((List<?>) t.values().get(MetricKey.KLD_VALUES.name())).size());
            double mean = t.number(MetricKey.KLD_MEAN.name()).doubleValue();
            assertTrue(mean >= 0 && mean <= t.number(MetricKey.KLD_MAX.name()).doubleValue(), "turn " + t.turn());
            largest = Math.max(largest, t.number(MetricKey.KLD_MAX.name()).doubleValue());
        }
        assertTrue(largest > 0, "some position of some turn moved");
        FidelitySummary summary = FidelitySummary.of(q4).orElseThrow();
        assertEquals(3, summary.turns());
        assertTrue(summary.stats().kldMean() > 0);
        assertNull(summary.kldMean(), "3 turns are too few for an interval over turns");
        assertEquals("too few turns for an interval (3 < 10)", summary.tooFewTurns());
    }

    @Test
    void theBaselinesOwnReportCarriesNoFidelityFigures() {
        for (TurnMetrics t : result.reports("f16").get(0).turnMetrics()) {
            assertFalse(t.values().containsKey(MetricKey.KLD_MEAN.name()));
        }
    }

    private static BackendConfig config(String kvType) {
        return TinyModelConfigs.greedy(kvType, 32).option(LlamaCppOptions.PREFIX_REUSE.name(), "false").build();
    }
}
