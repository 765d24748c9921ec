package dev.longhaul.render;

import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality per phase and run, as the text report's {@code PER-PHASE AVERAGES} computes it: the mean of the answered
 * turns' scores (summed in turn order), the first and the last score; turns marked {@code excluded_from_quality}
 * are left out, as they are of every quality figure. Phases in order of first appearance.
 */
final class PhaseAverages {

    /** One run's scores in one phase. */
    record Cell(double mean, double first, double last) {
        /** @return {@code ↑} when the phase ended above its start, {@code ↓} below, {@code →} level */
        String trend() {
            return last > first ? "\u2191" : last < first ? "\u2193" : "\u2192";
        }
    }

    private final Map<String, Map<String, Cell>> byPhase;

    private PhaseAverages(Map<String, Map<String, Cell>> byPhase) {
        this.byPhase = byPhase;
    }

    static PhaseAverages of(ReportSet set, Timeline timeline) {
        Map<String, Map<String, Cell>> byPhase = new LinkedHashMap<>();
        for (String phase : timeline.playedTurns().values()) {
            byPhase.putIfAbsent(phase, new LinkedHashMap<>());
        }
        for (Arm arm : set.arms()) {
            Map<String, List<Double>> scores = new LinkedHashMap<>();
            for (TurnMetrics turn : arm.report().turnMetrics()) {
                if (turn.excludedFromQuality()) {
                    continue;
                }
                scores.computeIfAbsent(turn.phase(), p -> new ArrayList<>()).add(turn.qualityScore());
            }
            for (Map.Entry<String, List<Double>> phase : scores.entrySet()) {
                List<Double> values = phase.getValue();
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                byPhase.computeIfAbsent(phase.getKey(), p -> new LinkedHashMap<>()).put(arm.label(),
                        new Cell(sum / values.size(), values.get(0), values.get(values.size() - 1)));
            }
        }
        return new PhaseAverages(byPhase);
    }

    /** @return the phases in order */
    List<String> phases() {
        return List.copyOf(byPhase.keySet());
    }

    /**
     * @param phase a phase
     * @param arm   a run's label
     * @return that run's scores in that phase, or null when it answered no turn of it
     */
    Cell cell(String phase, String arm) {
        return byPhase.getOrDefault(phase, Map.of()).get(arm);
    }
}
