package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.report.Summary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonViewTest {

    @Test
    void theSeedsComparisonReadsAsTheSeedsTable() {
        Summary a = new Summary(0.8, 0.6, 0.9, 0, null, 300.0, 1, 0.01, 0);
        Summary b = new Summary(0.7, 0.4, 0.9, 2, 17, 280.0, 3, 0.0, 1);

        ComparisonView view = ComparisonView.of(ComparisonJson.tree(Comparison.of("f16", a, "q4_0", b)));

        assertEquals(List.of("f16", "q4_0"), view.labels());
        assertEquals(List.of(new ComparisonView.Row("Verdict", "verdict", List.of("f16 is BETTER by 0.100"))),
                view.verdicts());
        assertEquals(List.of(
                row("Avg Quality Score", "avg_quality", "0.800", "0.700"),
                row("Min Quality Score", "min_quality", "0.600", "0.400"),
                row("Degradation Events", "degradation_events", "0", "2"),
                row("First Degradation Turn", "first_degradation", "none", "17"),
                row("Hallucinated References", "hallucinated_refs", "1", "3"),
                row("Repetition Ratio", "repetition_ratio", "0.010", "0.000"),
                row("Failed Turns", "failed_turns", "0", "1")), view.rows());
        assertEquals(List.of(row("Quality Delta", "quality_delta", "-0.100")), view.figures());
    }

    @Test
    void keysItDoesNotKnowAreLaidOutByTheShapeOfTheirValues() {
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("labels", List.of("f16", "q8_0"));
        comparison.put("seed_verdict", "No significant quality difference");
        comparison.put("runs", 3);
        comparison.put("seeds", List.of(List.of(42, 43, 44), List.of(42, 43, 44)));
        comparison.put("p_value", 0.012345678);
        comparison.put("metrics", Map.of("quality_score", new LinkedHashMap<>(Map.of("interval", List.of(-0.08, 0.01)))));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("turn", 1);
        first.put("delta", 0.5);
        comparison.put("per_turn", List.of(first, Map.of("turn", 2)));
        comparison.put("drop", null);
        comparison.put("verdict", "No significant difference");
        comparison.put("noise_floor", Map.of("labels", List.of("f16", "f16'"), "verdict", "noise"));

        ComparisonView view = ComparisonView.of(comparison);

        assertEquals(List.of("verdict", "seed_verdict"), view.verdicts().stream().map(ComparisonView.Row::key).toList());
        assertEquals(List.of(row("Seeds", "seeds", "[42, 43, 44]", "[42, 43, 44]")), view.rows());
        assertEquals(List.of(row("Runs", "runs", "3"), row("P value", "p_value", "0.01235"), row("Drop", "drop", "\u2014")),
                view.figures());
        assertEquals(new ComparisonView.Table("Metrics", "metrics", List.of("interval"),
                List.of(row("quality_score", "metrics", "[-0.08, 0.01]"))), view.tables().get(0));
        assertEquals(new ComparisonView.Table("Per turn", "per_turn", List.of("turn", "delta"),
                List.of(row("1", "per_turn", "0.5"), row("2", "per_turn", ""))), view.tables().get(1));
        assertEquals("Noise floor", view.nested().get(0).name());
        assertEquals(List.of("f16", "f16'"), view.nested().get(0).view().labels());
    }

    @Test
    void missingLabelsStillGiveTwoColumns() {
        assertEquals(List.of("a", "b"), ComparisonView.of(Map.of("avg_quality", Arrays.asList(0.5, null))).labels());
    }

    @Test
    void theVerdictLinesAreTheCataloguedKeysNotKeysThatLookLikeThem() {
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("labels", List.of("f16", "q8_0"));
        comparison.put("quality_delta_interval", List.of(-0.081, 0.004));
        comparison.put("reviewer_verdict", "fine");
        comparison.put("interval_note", "too few turns");
        comparison.put("verdict", "No significant difference");

        ComparisonView view = ComparisonView.of(comparison);

        assertEquals(List.of("verdict", "quality_delta_interval"),
                view.verdicts().stream().map(ComparisonView.Row::key).toList());
        assertEquals(List.of(row("Reviewer verdict", "reviewer_verdict", "fine"),
                row("Interval note", "interval_note", "too few turns")), view.figures());
    }

    private static ComparisonView.Row row(String name, String key, String... values) {
        return new ComparisonView.Row(name, key, List.of(values));
    }
}
