package dev.longhaul.render;

import dev.longhaul.analysis.Comparison;
import dev.longhaul.analysis.ComparisonJson;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.report.RunNames;
import dev.longhaul.report.SessionReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rendered report shows: one or more runs, the first being the baseline, and the comparisons of the
 * others against it.
 *
 * <p>Comparisons are held as the JSON trees {@link ComparisonJson#tree(Comparison)} gives (the objects of
 * {@code comparison.json}), so the renderers show every key a comparison has, including keys added after this
 * class was written (intervals, p-values, further verdicts).
 *
 * <p>The {@link TradeOffSummary} of an A/B (memory, speed, fidelity and verdict per arm), when there is one, is shown
 * first by every renderer.
 *
 * @param arms        the runs, baseline first; labels unique
 * @param comparisons comparison objects (usually one per arm after the baseline), in display order
 * @param summary     the trade-off of the arms, or null when there is none (reports compared by the seed's rule)
 */
public record ReportSet(List<Arm> arms, List<Map<String, Object>> comparisons, TradeOffSummary summary) {

    /**
     * Copies the lists; rejects an empty set of arms and repeated labels.
     *
     * @param arms        the runs, baseline first; labels unique
     * @param comparisons comparison objects (usually one per arm after the baseline), in display order
     * @param summary     the trade-off of the arms, or null
     */
    public ReportSet {
        arms = List.copyOf(arms);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        Set<String> labels = new HashSet<>();
        for (Arm arm : arms) {
            if (!labels.add(arm.label())) {
                throw new IllegalArgumentException("two runs are labelled '" + arm.label() + "'; labels must differ");
            }
        }
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, Object> comparison : comparisons) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(comparison)));
        }
        comparisons = List.copyOf(copies);
    }

    /**
     * A set without a summary.
     *
     * @param arms        the runs, baseline first; labels unique
     * @param comparisons comparison objects, in display order
     */
    public ReportSet(List<Arm> arms, List<Map<String, Object>> comparisons) {
        this(arms, comparisons, null);
    }

    /**
     * The arms with each later arm compared against the first by {@link Comparison#of(String,
     * dev.longhaul.report.Summary, String, dev.longhaul.report.Summary)}.
     *
     * @param arms the runs, baseline first; labels unique
     * @return the set with one comparison per arm after the first, and no trade-off summary
     * @throws IllegalArgumentException when there is no arm or two share a label
     */
    public static ReportSet compared(List<Arm> arms) {
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (int i = 1; i < arms.size(); i++) {
            Arm baseline = arms.get(0);
            Arm arm = arms.get(i);
            comparisons.add(ComparisonJson.tree(Comparison.of(baseline.label(), baseline.report().summary(),
                    arm.label(), arm.report().summary())));
        }
        return new ReportSet(arms, comparisons);
    }

    /**
     * Reports labelled by {@link SessionReport#label()} (their KV type), a repeated label getting
     * {@code #2}, {@code #3}, … appended, each later one compared against the first.
     *
     * @param reports the runs, baseline first; at least one
     * @return the set, as {@link #compared(List)} makes it
     */
    public static ReportSet of(List<SessionReport> reports) {
        List<Arm> arms = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (SessionReport report : reports) {
            String label = report.label();
            for (int n = 2; used.contains(label); n++) {
                label = RunNames.another(report.label(), n);
            }
            used.add(label);
            arms.add(new Arm(label, report));
        }
        return compared(arms);
    }

    /**
     * The runs of an A/B study, labelled as the study names their files: the arm's label, or {@code <label>.r<N>}
     * for an arm with several repeats ({@link RunNames#repeatFile}).
     *
     * @param byArm       arm label → its runs by repeat, baseline arm first; the map's iteration order is the
     *                    display order, so pass an ordered map
     * @param comparisons the study's comparison objects (as in its {@code comparison.json}), shown as they are
     * @param summary     the study's trade-off, or null
     * @return the set: every run of every arm, repeat by repeat
     */
    public static ReportSet ofStudy(Map<String, List<SessionReport>> byArm, List<Map<String, Object>> comparisons,
                                    TradeOffSummary summary) {
        List<Arm> arms = new ArrayList<>();
        byArm.forEach((label, runs) -> {
            for (int i = 0; i < runs.size(); i++) {
                arms.add(new Arm(runs.size() == 1 ? label : RunNames.repeatFile(label, i + 1), runs.get(i)));
            }
        });
        return new ReportSet(arms, comparisons, summary);
    }

    /** @return the first run, which the others are compared against */
    public Arm baseline() {
        return arms.get(0);
    }
}
