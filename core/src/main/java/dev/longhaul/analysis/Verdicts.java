package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Inference;
import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.analysis.stats.VerdictLevels;
import dev.longhaul.report.PythonFormat;

/** The verdict of a {@link RepeatedComparison} from its primary endpoint and its change test. */
final class Verdicts {

    private Verdicts() {
    }

    static Verdict of(Pair<String> labels, Design design, Units units, MetricDelta quality, DropLocation drop,
                      VerdictLevels levels) {
        Inference test = quality.inference();
        if (units.inconclusive() != null || test == null) {
            String why = units.inconclusive() != null ? units.inconclusive() : "no paired turns to compare";
            String dropped = drop == null ? "" : "; the change test located a drop from turn " + drop.turn()
                    + ", but " + (design == Design.FREE_RUNNING ? "one free-running run may drift like that by itself"
                    : "it stands alone");
            return new Verdict(VerdictKind.INCONCLUSIVE, "inconclusive: " + why + dropped);
        }
        String figures = "quality delta " + signed(test.estimate()) + ", " + percent(test.level()) + " CI "
                + interval(test.interval()) + ", p=" + p(test.pValue());
        if (drop != null) {
            return new Verdict(VerdictKind.BASELINE_BETTER, labels.a() + " is better: " + labels.b()
                    + "'s quality fell away from turn " + drop.turn() + " (" + percent(drop.setLevel()) + " set: "
                    + turnSet(drop) + ", change test p=" + p(drop.pValue()) + "; "
                    + figures + ")");
        }
        if (quality.significant()) {
            VerdictKind kind = test.estimate() < 0 ? VerdictKind.BASELINE_BETTER : VerdictKind.COMPARED_BETTER;
            String better = kind == VerdictKind.BASELINE_BETTER ? labels.a() : labels.b();
            return new Verdict(kind, better + " is better by " + PythonFormat.fixed(Math.abs(test.estimate()), 3)
                    + " (" + figures + ")");
        }
        return new Verdict(VerdictKind.NO_DIFFERENCE, "no difference (" + figures + "; no drop at "
                + percent(levels.changeTest()) + ")");
    }

    /** {@code turn 20} or {@code turns 18–23}. */
    static String turnSet(DropLocation drop) {
        return drop.firstInSet() == drop.lastInSet() ? "turn " + drop.firstInSet()
                : "turns " + drop.firstInSet() + "\u2013" + drop.lastInSet();
    }

    static String signed(double x) {
        double normalized = x + 0.0; // -0.0 reads "+0.000"
        return (normalized >= 0 ? "+" : "") + PythonFormat.fixed(normalized, 3);
    }

    static String interval(Interval interval) {
        return "[" + signed(interval.low()) + ", " + signed(interval.high()) + "]";
    }

    static String percent(double level) {
        return new java.math.BigDecimal(Double.toString(level)).movePointRight(2).stripTrailingZeros().toPlainString()
                + "%";
    }

    static String p(double p) {
        return p < 0.0001 ? "<0.0001" : PythonFormat.fixed(p, 4);
    }
}
