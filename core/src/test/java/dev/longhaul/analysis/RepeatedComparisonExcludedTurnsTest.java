package dev.longhaul.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Turns excluded from the quality figures (recall probes) are no part of a comparison either. */
class RepeatedComparisonExcludedTurnsTest {

    /** The run with a probe turn appended whose score is {@code probeScore}, as LongSession reports it. */
    private static SessionReport withProbeTurn(SessionReport run, double probeScore) {
        List<TurnMetrics> turns = new ArrayList<>(run.turnMetrics());
        turns.add(new TurnMetrics(turns.size() + 1, "debug", Map.of("quality_score", probeScore,
                "excluded_from_quality", true, "probe_key", "k", "probe_distance_turns", 3)));
        return new SessionReport(run.config(), turns, run.degradationAlerts(), run.summary(), run.responses(),
                run.failedTurns());
    }

    @Test
    void aComparisonIgnoresExcludedTurns() {
        List<SessionReport> a = List.of(RepeatedComparisonTest.report("f16", 42, false, 0.5, 0.6, 0.7),
                RepeatedComparisonTest.report("f16", 43, false, 0.55, 0.65, 0.75));
        List<SessionReport> b = List.of(RepeatedComparisonTest.report("q8_0", 42, false, 0.6, 0.62, 0.9),
                RepeatedComparisonTest.report("q8_0", 43, false, 0.5, 0.7, 0.8));
        List<SessionReport> aProbed = a.stream().map(r -> withProbeTurn(r, 0.05)).toList();
        List<SessionReport> bProbed = b.stream().map(r -> withProbeTurn(r, 0.95)).toList();

        RepeatedComparison plain = RepeatedComparison.of(a, b);
        RepeatedComparison probed = RepeatedComparison.of(aProbed, bProbed);

        assertEquals(plain.quality(), probed.quality());
        assertEquals(plain.seed(), probed.seed(), "the pooled seed figures");
        assertEquals(plain.perTurn(), probed.perTurn());
        assertEquals(plain.metrics().stream().map(MetricDelta::metric).toList(),
                probed.metrics().stream().map(MetricDelta::metric).toList(), "no probe_distance_turns delta");
    }
}
