package dev.longhaul.analysis;

import static dev.longhaul.analysis.RepeatedComparison.interval;
import static dev.longhaul.analysis.RepeatedComparison.percent;
import static dev.longhaul.analysis.RepeatedComparison.signed;

import dev.longhaul.analysis.stats.Interval;
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
        boolean noise = comparison.noiseFloor() != null;
        String level = percent(comparison.resampling().level());
        Lines out = new Lines();
        out.add(comparison.runs() + " run pair" + (comparison.runs() == 1 ? "" : "s") + " (seeds "
                + seeds(comparison.seeds().a()) + " | " + seeds(comparison.seeds().b()) + "), "
                + comparison.quality().pairs() + " paired turns; " + level + " intervals from "
                + comparison.resampling().resamples() + " paired bootstrap resamples, sign-flip test p-values");
        String header = String.format("%-24s %10s %10s %9s %-18s %7s %-15s%s", "Metric", clip(labels.a()),
                clip(labels.b()), "delta", level + " interval", "p", "spread P90-P10", noise ? "  noise floor" : "");
        String rule = "\u2500".repeat(header.length());
        out.add(header);
        out.add(rule);
        for (MetricDelta m : comparison.metrics()) {
            out.add(String.format("%-24s %10s %10s %9s %-18s %7s %-15s%s", m.metric(), fixed(m.means().a()),
                    fixed(m.means().b()), signed(m.delta()), interval(m.interval()), fixed4(m.pValue()),
                    fixed(m.spread().a()) + " / " + fixed(m.spread().b()), noise(m.noiseFloor(), m.withinNoiseFloor())));
        }
        if (!comparison.armMetrics().isEmpty()) {
            out.add("Only in " + labels.b() + " (measured against " + labels.a() + "'s answers):");
            for (MetricEstimate m : comparison.armMetrics()) {
                out.add(String.format("%-24s %21s %9s %-18s %7s %-15s%s", m.metric(), "", fixed(m.mean()),
                        interval(m.interval()), "", fixed(m.spread()), noise(m.noiseFloor(), m.withinNoiseFloor())));
            }
        }
        out.add(rule);
        DropLocation drop = comparison.drop();
        out.add(drop == null ? "Drop located: none"
                : "Drop located: from turn " + drop.turn() + " (mean quality delta " + signed(drop.meanBefore())
                        + " before, " + signed(drop.meanAfter()) + " from it on, " + level + " CI "
                        + interval(drop.intervalAfter()) + ")");
        out.add("Verdict: " + comparison.verdict());
        out.add("Seed verdict: " + comparison.seedVerdict());
        return out.toString();
    }

    private static String noise(Interval floor, Boolean within) {
        if (floor == null) {
            return "";
        }
        return "  " + interval(floor) + (Boolean.TRUE.equals(within) ? " inside" : "");
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

    private static String fixed4(double x) {
        return Double.isNaN(x) ? "-" : PythonFormat.fixed(x, 4);
    }
}
