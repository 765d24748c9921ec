package dev.longhaul.analysis.probes;

import dev.longhaul.backend.ChatMessage;
import dev.longhaul.report.MetricKey;
import dev.longhaul.report.TurnMetrics;
import dev.longhaul.script.Probe;
import dev.longhaul.script.ScriptedTurn;
import dev.longhaul.script.TurnMarks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a turn's plant and probe: the values a turn adds to its metrics, in report order.
 *
 * <ul>
 *   <li>{@code excluded_from_quality}: true for a turn excluded from the quality figures
 *       (left out when false);</li>
 *   <li>{@code plant_key}: the key of the fact the turn planted;</li>
 *   <li>{@code probe_key}: the key of the fact the turn asked for;</li>
 *   <li>{@code probe_distance_turns}: turns since the latest answered turn that planted it (turn numbers, failed
 *       turns included), or null when no answered turn did;</li>
 *   <li>{@code probe_in_context}: whether an expected answer occurred in the messages sent before the probe's own
 *       prompt, i.e. whether the fact was still there to recall;</li>
 *   <li>{@code probe_recalled}: whether the answer holds an expected answer ({@link Probe#isAnsweredBy}).</li>
 * </ul>
 */
public final class ProbeScorer {

    private ProbeScorer() {
    }

    /**
     * @param turn     the turn played
     * @param sent     the messages sent for it: the history window, then its prompt
     * @param response the answer
     * @param earlier  the run's answered turns before it, in order
     * @return the values to add to the turn's metrics; empty for an ordinary turn
     */
    public static Map<String, Object> score(ScriptedTurn turn, List<ChatMessage> sent, String response,
                                            List<TurnMetrics> earlier) {
        Map<String, Object> values = new LinkedHashMap<>();
        TurnMarks marks = turn.marks();
        if (marks.excludedFromQuality()) {
            values.put(MetricKey.EXCLUDED_FROM_QUALITY.name(), true);
        }
        if (marks.plant() != null) {
            values.put(MetricKey.PLANT_KEY.name(), marks.plant().key());
        }
        Probe probe = marks.probe();
        if (probe != null) {
            values.put(MetricKey.PROBE_KEY.name(), probe.key());
            Integer plantedAt = latestPlant(probe.key(), earlier);
            values.put(MetricKey.PROBE_DISTANCE_TURNS.name(), plantedAt == null ? null : turn.turn() - plantedAt);
            values.put(MetricKey.PROBE_IN_CONTEXT.name(), sent.subList(0, Math.max(0, sent.size() - 1)).stream()
                    .anyMatch(m -> probe.isAnsweredBy(m.content())));
            values.put(MetricKey.PROBE_RECALLED.name(), probe.isAnsweredBy(response));
        }
        return values;
    }

    private static Integer latestPlant(String key, List<TurnMetrics> earlier) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (earlier.get(i).get(MetricKey.PLANT_KEY).filter(key::equals).isPresent()) {
                return earlier.get(i).turn();
            }
        }
        return null;
    }
}
