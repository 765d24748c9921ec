package dev.longhaul.experiment;

import dev.longhaul.analysis.RepeatedComparisonJson;
import dev.longhaul.analysis.fidelity.FidelityDifference;
import dev.longhaul.analysis.fidelity.FidelitySummary;
import dev.longhaul.analysis.tradeoff.ArmFigures;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code comparison.json}: what an A/B study wrote, for programs. Its keys, in order: {@code summary} (the
 * {@link TradeOffSummary}, first as in every output), {@code baseline}, {@code arms}, {@code reports},
 * {@code repeats}, {@code seeds}, {@code shared_history}, {@code design}, with a noise floor
 * {@code noise_floor_reports} and {@code noise_floor_seeds}, after an interrupt {@code complete: false}, then
 * {@code comparisons} (each arm against the baseline, {@link RepeatedComparisonJson}), {@code fidelity_differences}
 * and {@code token_fidelity} when measured, and last the format marker {@value #FORMAT_KEY} with
 * {@value #FORMAT_VERSION}, as a report ends with {@code longhaul_report}. docs/schema/comparison.schema.json is its
 * schema.
 *
 * @param result       what the study measured
 * @param summary      the trade-off of the arms that have a comparison; null when the baseline has no report
 * @param reports      the report files of the arms' runs, by repeat then arm
 * @param noiseReports the report files of the noise-floor runs; null without a noise floor
 * @param repeats      the runs per arm asked for
 * @param complete     whether every run finished (false after an interrupt)
 */
public record ComparisonDocument(ExperimentResult result, TradeOffSummary summary, List<String> reports,
                                 List<String> noiseReports, int repeats, boolean complete) {

    /** The top-level key holding the comparison format version. */
    public static final String FORMAT_KEY = "longhaul_comparison";

    /** The comparison format version written. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Copies the lists.
     *
     * @param result       what the study measured
     * @param summary      the trade-off, or null
     * @param reports      the report files of the arms' runs
     * @param noiseReports the report files of the noise-floor runs, or null
     * @param repeats      the runs per arm asked for
     * @param complete     whether every run finished
     */
    public ComparisonDocument {
        reports = List.copyOf(reports);
        noiseReports = noiseReports == null ? null : List.copyOf(noiseReports);
    }

    /**
     * @param result     what the study measured
     * @param reported   the runs whose reports are in the study directory
     * @param repeats    the runs per arm asked for
     * @param noiseFloor whether the study has a noise floor
     * @param complete   whether every run finished
     * @return the document
     */
    public static ComparisonDocument of(ExperimentResult result, List<ArmRun> reported, int repeats,
                                        boolean noiseFloor, boolean complete) {
        List<ArmRun> runs = new ArrayList<>(reported);
        runs.sort(Comparator.comparingInt(ArmRun::repeat).thenComparing(ArmRun::noiseFloor)
                .thenComparingInt(ArmRun::arm));
        List<String> files = runs.stream().filter(r -> !r.noiseFloor()).map(r -> StudyFiles.stem(r) + ".json").toList();
        List<String> noise = noiseFloor ? runs.stream().filter(ArmRun::noiseFloor)
                .map(r -> StudyFiles.stem(r) + ".json").toList() : null;
        return new ComparisonDocument(result, summary(result), files, noise, repeats, complete);
    }

    /** The trade-off of the baseline and every arm compared with it; null when the baseline has no report. */
    private static TradeOffSummary summary(ExperimentResult result) {
        String baseline = result.labels().get(0);
        if (result.reports(baseline).isEmpty()) {
            return null;
        }
        List<ArmFigures> arms = new ArrayList<>();
        arms.add(ArmFigures.of(baseline, result.reports(baseline)));
        for (String arm : result.comparedArms()) {
            arms.add(ArmFigures.of(arm, result.reports(arm)));
        }
        return TradeOffSummary.of(arms, result.comparisons());
    }

    /** @return the document as plain values for {@link dev.longhaul.report.PythonJsonWriter}, keys as above */
    public Map<String, Object> toMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (summary != null) {
            doc.put("summary", summary.toMap());
        }
        doc.put("baseline", result.labels().get(0));
        doc.put("arms", result.labels());
        doc.put("reports", reports);
        doc.put("repeats", repeats);
        doc.put("seeds", result.seeds());
        doc.put("shared_history", result.sharedHistory());
        doc.put("design", result.design().jsonName());
        if (noiseReports != null) {
            doc.put("noise_floor_reports", noiseReports);
            doc.put("noise_floor_seeds", result.noiseFloorSeeds());
        }
        if (!complete) {
            doc.put("complete", false);
        }
        doc.put("comparisons", result.comparisons().stream().map(RepeatedComparisonJson::tree).toList());
        if (!result.fidelityDifferences().isEmpty()) {
            doc.put("fidelity_differences", result.fidelityDifferences().stream().map(FidelityDifference::toMap)
                    .toList());
        }
        Map<String, Object> fidelity = new LinkedHashMap<>();
        for (String label : result.labels().subList(1, result.labels().size())) {
            List<Map<String, Object>> runFigures = result.reports(label).stream().map(FidelitySummary::of)
                    .flatMap(s -> s.map(FidelitySummary::toMap).stream()).toList();
            if (!runFigures.isEmpty()) {
                fidelity.put(label, runFigures);
            }
        }
        if (!fidelity.isEmpty()) {
            doc.put("token_fidelity", fidelity);
        }
        doc.put(FORMAT_KEY, FORMAT_VERSION);
        return doc;
    }
}
