package dev.longhaul.analysis;

import dev.longhaul.report.PythonJsonWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Comparison} as JSON: the seed's {@code compare_reports} keys in the seed's order — {@code labels,
 * avg_quality, min_quality, degradation_events, first_degradation, hallucinated_refs, repetition_ratio,
 * quality_delta, verdict} — then {@code failed_turns}, written as Python's {@code json.dumps(comparison, indent=2)}
 * writes them.
 */
public final class ComparisonJson {

    private ComparisonJson() {
    }

    /**
     * @param comparison the comparison
     * @return its JSON text, without a trailing newline
     */
    public static String toJson(Comparison comparison) {
        return PythonJsonWriter.write(tree(comparison));
    }

    /**
     * The comparison as an ordered map of plain values, for embedding in a larger JSON document written with
     * {@link PythonJsonWriter}.
     *
     * @param comparison the comparison
     * @return the keys above in order; pairs are two-element lists
     */
    public static Map<String, Object> tree(Comparison comparison) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("labels", list(comparison.labels()));
        node.put("avg_quality", list(comparison.avgQuality()));
        node.put("min_quality", list(comparison.minQuality()));
        node.put("degradation_events", list(comparison.degradationEvents()));
        node.put("first_degradation", list(comparison.firstDegradation()));
        node.put("hallucinated_refs", list(comparison.hallucinatedRefs()));
        node.put("repetition_ratio", list(comparison.repetitionRatio()));
        node.put("quality_delta", comparison.qualityDelta());
        node.put(VerdictLine.VERDICT.key(), comparison.verdict());
        node.put("failed_turns", list(comparison.failedTurns()));
        return node;
    }

    private static List<Object> list(Pair<?> pair) {
        return Arrays.asList(pair.a(), pair.b()); // nulls allowed: a run without degradation has no first turn
    }
}
