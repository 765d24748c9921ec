package dev.longhaul.analysis;

import static dev.longhaul.analysis.Figures.interval;
import static dev.longhaul.analysis.Figures.p;
import static dev.longhaul.analysis.Figures.percent;
import static dev.longhaul.analysis.Figures.signed;
import static dev.longhaul.analysis.Figures.turnSet;

import dev.longhaul.analysis.fidelity.FidelityText;
import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.report.PythonFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The figures of a {@link RepeatedComparison} as text, printed after the seed's table ({@link ComparisonText} of
 * {@link RepeatedComparison#seed()}), which stays as it is.
 */
public final class RepeatedComparisonText {

    private RepeatedComparisonText() {
    }

    /**
     * @param comparison the comparison
     * @return lines ending in {@code \n}
     */
    public static String render(RepeatedComparison comparison) {
        Pair<String> labels = comparison.labels();
        String level = percent(comparison.levels().intervalLevel());
        Lines out = new Lines();
        out.add("Design: " + comparison.design().displayName() + ", " + comparison.runs() + " run pair"
                + (comparison.runs() == 1 ? "" : "s") + " (seeds " + seeds(comparison.seeds().a()) + " | "
                + seeds(comparison.seeds().b()) + "), " + comparison.quality().pairs() + " paired turns; the "
                + (comparison.design() == Design.SHARED_HISTORY ? "turn" : "run") + " is the unit");
        String header = String.format("%-26s %10s %10s %9s %-18s %7s %8s  %s", "Metric", clip(labels.a()),
                clip(labels.b()), "delta", level + " interval", "p", "p(Holm)", "spread P90-P10");
        String rule = "\u2500".repeat(header.length());
        out.add(header);
        out.add(rule);
        for (MetricDelta m : comparison.metrics()) {
            out.add(String.format("%-26s %10s %10s %9s %-18s %7s %8s  %s",
                    m.metric() + (m.primary() ? " (primary)" : ""), fixed(m.means().a()), fixed(m.means().b()),
                    Double.isNaN(m.delta()) ? "-" : signed(m.delta()),
                    m.interval().defined() ? interval(m.interval()) : "-", fixedP(m.pValue()),
                    m.primary() ? "" : fixedP(m.pValueHolm()),
                    fixed(m.spread().a()) + " / " + fixed(m.spread().b())));
        }
        out.add(rule);
        if (comparison.fidelity() != null) {
            FidelityText.render(labels.b(), labels.a(), comparison.fidelity()).lines().forEach(out::add);
        }
        ChangeTest change = comparison.changeTest();
        DropLocation drop = comparison.drop();
        if (drop != null) {
            out.add("Drop: quality fell away from turn " + drop.turn() + " (approximate " + percent(drop.setLevel())
                    + " set: " + turnSet(drop) + "; change test p="
                    + p(drop.pValue()) + "; mean delta " + signed(drop.meanBefore()) + " before, "
                    + signed(drop.meanAfter()) + " from it on)");
        } else if (change != null) {
            out.add("Drop: none (change test p=" + p(change.pValue()) + " over " + change.turns()
                    + " turns, level " + percent(comparison.levels().changeTest()) + ")");
        } else {
            out.add("Drop: not tested (see the notes)");
        }
        Inference noise = comparison.versusNoiseFloor();
        if (noise != null) {
            out.add("Versus the noise floor (" + labels.b() + " minus the baseline's reruns): " + signed(noise.estimate())
                    + ", " + percent(noise.level()) + " CI " + interval(noise.interval()) + ", p=" + p(noise.pValue()));
        }
        if (comparison.noiseFloor() != null) {
            out.add("Noise floor (" + labels.a() + " against its reruns): "
                    + comparison.noiseFloor().verdict().text());
        }
        comparison.notes().forEach(note -> out.add("Note: " + note));
        out.add("Verdict: " + comparison.verdict().text() + " [" + comparison.verdict().kind().jsonName() + "]");
        out.add("Seed verdict: " + comparison.seedVerdict() + " (the seed's rule: a mean difference beyond "
                + PythonFormat.fixed(Comparison.SIGNIFICANT_DELTA, 2) + ", no test)");
        return out.toString();
    }

    private static String seeds(List<Long> seeds) {
        return seeds.stream().map(s -> Objects.toString(s, "?")).collect(Collectors.joining(", "));
    }

    private static String clip(String label) {
        return label.length() <= 10 ? label : label.substring(0, 10);
    }

    private static String fixed(double x) {
        return Double.isNaN(x) ? "-" : PythonFormat.fixed(x, 3);
    }

    private static String fixedP(double x) {
        return Double.isNaN(x) ? "-" : p(x);
    }
}
