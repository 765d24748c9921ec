package dev.longhaul.experiment;

import dev.longhaul.analysis.Design;
import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.fidelity.FidelityDifference;
import dev.longhaul.report.SessionReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link AbExperiment} measured: every run's report, each arm compared with the baseline (the first arm),
 * and the noise floor.
 *
 * @param labels            the arms' labels, baseline first
 * @param seeds             the arms' seeds by repeat: S, S+1, …
 * @param noiseFloorSeeds   the noise-floor reruns' seeds (S+R, …), empty without a noise floor
 * @param design            how the runs were played: shared history or free-running
 * @param reports           label → the arm's reports, by repeat
 * @param noiseFloorReports the baseline's reruns with other seeds, by repeat; empty without a noise floor
 * @param comparisons       each arm after the first against the baseline, with the noise floor beside when measured
 * @param comparedArms      the arm label of each comparison, in the same order: a comparison's own labels are its
 *                          reports' (the KV type the backend applied, which may differ from the arm's label)
 * @param noiseFloor        the baseline against its reruns, or null
 * @param fidelityDifferences each pair of arms after the first, their token fidelity against the baseline compared
 *                          through paired per-turn differences (shared history, enough turns)
 */
public record ExperimentResult(List<String> labels, List<Long> seeds, List<Long> noiseFloorSeeds, Design design,
                               Map<String, List<SessionReport>> reports, List<SessionReport> noiseFloorReports,
                               List<RepeatedComparison> comparisons, List<String> comparedArms,
                               RepeatedComparison noiseFloor, List<FidelityDifference> fidelityDifferences) {

    /**
     * Copies the collections.
     *
     * @param labels            the arms' labels, baseline first
     * @param seeds             the arms' seeds by repeat: S, S+1, …
     * @param noiseFloorSeeds   the noise-floor reruns' seeds (S+R, …), empty without a noise floor
     * @param design            how the runs were played: shared history or free-running
     * @param reports           label → the arm's reports, by repeat
     * @param noiseFloorReports the baseline's reruns with other seeds, by repeat; empty without a noise floor
     * @param comparisons       each arm after the first against the baseline, with the noise floor beside when measured
     * @param comparedArms      the arm label of each comparison, in the same order
     * @param noiseFloor        the baseline against its reruns, or null
     * @param fidelityDifferences each pair of arms after the first, their token fidelity compared
     * @throws IllegalArgumentException when {@code comparedArms} does not name one known arm per comparison
     */
    public ExperimentResult {
        labels = List.copyOf(labels);
        seeds = List.copyOf(seeds);
        noiseFloorSeeds = List.copyOf(noiseFloorSeeds);
        Map<String, List<SessionReport>> copy = new LinkedHashMap<>();
        reports.forEach((label, runs) -> copy.put(label, List.copyOf(runs)));
        reports = Collections.unmodifiableMap(copy);
        noiseFloorReports = List.copyOf(noiseFloorReports);
        comparisons = List.copyOf(comparisons);
        comparedArms = List.copyOf(comparedArms);
        if (comparedArms.size() != comparisons.size() || !labels.containsAll(comparedArms)) {
            throw new IllegalArgumentException("compared arms " + comparedArms + " must name one of " + labels
                    + " for each of the " + comparisons.size() + " comparisons");
        }
        fidelityDifferences = List.copyOf(fidelityDifferences);
    }

    /**
     * @param label an arm's label
     * @return its reports by repeat
     * @throws IllegalArgumentException for an unknown label
     */
    public List<SessionReport> reports(String label) {
        List<SessionReport> runs = reports.get(label);
        if (runs == null) {
            throw new IllegalArgumentException("no arm '" + label + "'; arms: " + labels);
        }
        return runs;
    }

    /** @return whether every arm answered the baseline's history */
    public boolean sharedHistory() {
        return design == Design.SHARED_HISTORY;
    }

    /** @return whether some run stopped early (too many failed turns, an interrupt) */
    public boolean stoppedEarly() {
        return java.util.stream.Stream.concat(reports.values().stream().flatMap(List::stream), noiseFloorReports.stream())
                .anyMatch(r -> r.config().stoppedEarly().isPresent());
    }
}
