package dev.longhaul.experiment;

import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports read back from files, summarised as the study that wrote them would have: an A/B study's repeats grouped
 * into arms by KV type, its noise-floor reruns (config {@code ab_role: "noise_floor"}) beside.
 */
public final class StudyReports {

    private StudyReports() {
    }

    /**
     * The trade-off summary of the reports. One run per KV type: each run compared with the first. Several (an
     * A/B study's repeats, given in its order): the runs grouped by KV type into arms, each arm compared with the
     * first over its repeats with the noise floor's reruns beside, as the study itself summarised them. A repeat
     * compared as an arm of its own would be paired with another repeat's baseline, whose answers it never saw.
     *
     * @param labels  each report's label, for the one-run-per-arm summary
     * @param reports the reports, baseline first
     * @return the summary
     */
    public static TradeOffSummary tradeOff(List<String> labels, List<SessionReport> reports) {
        Map<String, List<SessionReport>> byKvType = new LinkedHashMap<>();
        List<SessionReport> noise = new ArrayList<>();
        for (SessionReport report : reports) {
            if (report.config().noiseFloor()) {
                noise.add(report);
            } else {
                byKvType.computeIfAbsent(report.config().kvType(), k -> new ArrayList<>()).add(report);
            }
        }
        boolean repeats = byKvType.values().stream().anyMatch(runs -> runs.size() > 1);
        int baselineRuns = byKvType.isEmpty() ? 0 : byKvType.values().iterator().next().size();
        if (!repeats || byKvType.size() < 2
                || byKvType.values().stream().anyMatch(runs -> runs.size() != baselineRuns)) {
            return TradeOffSummary.ofSingleRuns(labels, reports);
        }
        List<List<SessionReport>> sides = new ArrayList<>(byKvType.values());
        List<RepeatedComparison> comparisons = new ArrayList<>();
        List<SessionReport> floor = noise.size() == baselineRuns ? noise : List.of();
        for (List<SessionReport> side : sides.subList(1, sides.size())) {
            comparisons.add(RepeatedComparison.of(sides.get(0), side, floor, Design.of(sides.get(0), side),
                    RepeatedComparison.DEFAULT_METRICS, VerdictLevels.DEFAULT));
        }
        return TradeOffSummary.ofReports(byKvType, comparisons);
    }
}
