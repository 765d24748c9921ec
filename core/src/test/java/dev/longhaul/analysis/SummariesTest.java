package dev.longhaul.analysis;

import static dev.longhaul.analysis.Turns.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.Summary;
import dev.longhaul.report.TurnMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {

    @Test
    void computesTheSeedsFigures() {
        Summary s = Summaries.of(List.of(
                        turn(1, "code_gen", 0.8, 100, 1, 0.0),
                        turn(2, "code_gen", 0.6, 201, 0, 0.1),
                        turn(3, "debug", 0.4, 300, 2, 0.2)),
                List.of(new DegradationAlert(3, "debug", 0.4, 0.7, 0.3)), 2);
        assertEquals(new Summary(0.6, 0.4, 0.8, 1, 3, 200.0, 3, 0.1, 2), s.seedRounded());
        // the model keeps the means unrounded; only the seed's format rounds them
        assertEquals(601.0 / 3, s.avgResponseLength());
        assertEquals((0.0 + 0.1 + 0.2) / 3, s.avgRepetitionRatio());
    }

    @Test
    void roundingARoundedSummaryChangesNothing() {
        Summary s = Summaries.of(List.of(turn(1, "a", 0.1235, 2, 0, 0.0004), turn(2, "a", 0.6665, 3, 0, 0.0011)),
                List.of(), 0).seedRounded();
        assertEquals(s, s.seedRounded());
    }

    @Test
    void aLiveSummaryComparesAsTheSameSummaryRoundedInItsReport() {
        Summary a = Summaries.of(List.of(turn(1, "a", 0.8004, 2, 0, 0), turn(2, "a", 0.7004, 3, 0, 0)), List.of(), 0);
        Summary b = Summaries.of(List.of(turn(1, "a", 0.7006, 2, 0, 0), turn(2, "a", 0.7506, 3, 0, 0)), List.of(), 0);
        assertEquals(Comparison.of("f16", a.seedRounded(), "q8_0", b.seedRounded()), Comparison.of("f16", a, "q8_0", b));
        // the seed's delta is round(round(b, 3) - round(a, 3), 3) = 0.726 - 0.750; unrounded, 0.7256 - 0.7504
        // would round to -0.025
        assertEquals(-0.024, Comparison.of("f16", a, "q8_0", b).qualityDelta());
    }

    @Test
    void roundsTheMeanLengthHalfEvenAsAFloat() {
        assertEquals(2.0, Summaries.of(List.of(turn(1, "a", 0.5, 2, 0, 0), turn(2, "a", 0.5, 3, 0, 0)), List.of(), 0)
                .seedRounded().avgResponseLength());
        assertEquals(4.0, Summaries.of(List.of(turn(1, "a", 0.5, 3, 0, 0), turn(2, "a", 0.5, 4, 0, 0)), List.of(), 0)
                .seedRounded().avgResponseLength());
    }

    @Test
    void sumsLeftToRightBeforeDividing() {
        // Python 3.11: sum([0.1235, 0.6665, 0.6665]) / 3 == 0.48550000000000004, rounds to 0.486; the exactly
        // rounded sum (math.fsum) gives 0.4855 and 0.485; Python 3.12+ compensates its float sums and may too
        Summary s = Summaries.of(List.of(turn(1, "a", 0.1235, 1, 0, 0), turn(2, "a", 0.6665, 1, 0, 0),
                turn(3, "a", 0.6665, 1, 0, 0)), List.of(), 0);
        assertEquals(0.48550000000000004, s.avgQualityScore());
        assertEquals(0.486, s.seedRounded().avgQualityScore());
        assertEquals(0.123, s.seedRounded().minQualityScore()); // 0.1235 is stored as 0.12349999999999999...
    }

    @Test
    void aRunWithoutScoredTurnsHasNoAverages() {
        Summary s = Summaries.of(List.of(), List.of(), 5);
        assertTrue(Double.isNaN(s.avgQualityScore()));
        assertTrue(Double.isNaN(s.minQualityScore()));
        assertTrue(Double.isNaN(s.avgResponseLength()));
        assertEquals(0, s.totalDegradationEvents());
        assertNull(s.firstDegradationTurn());
        assertEquals(5, s.failedTurns());
    }

    @Test
    void aScorerWithoutTheSeedsMetricsLeavesTheirFiguresAbsentNotZero() throws Exception {
        List<TurnMetrics> turns = List.of(new TurnMetrics(1, "a", Map.of("quality_score", 0.9, "words", 12)),
                new TurnMetrics(2, "a", Map.of("quality_score", 0.7, "words", 30)));
        Summary s = Summaries.of(turns, List.of(), 0);

        assertEquals(0.8, s.avgQualityScore());
        assertNull(s.avgResponseLength());
        assertNull(s.totalHallucinatedReferences());
        assertNull(s.avgRepetitionRatio());
        SessionReport report = new SessionReport(new RunConfig("x", null, "f16", 2, 20, "t", Map.of()), turns,
                List.of(), s, List.of(), List.of());
        String json = ReportCodec.toJson(report);
        assertTrue(json.contains("\"avg_response_length\": null,\n    \"total_hallucinated_references\": null,\n"
                + "    \"avg_repetition_ratio\": null,"), json);
        assertEquals(s, ReportCodec.fromJson(json).summary());
        String text = ReportText.render(report);
        assertTrue(text.contains("Avg Response: n/a\nRepetition: n/a\nHallucinations: n/a\n"), text);
    }
}
