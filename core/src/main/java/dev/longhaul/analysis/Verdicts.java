package dev.longhaul.analysis;

import static dev.longhaul.analysis.Figures.interval;
import static dev.longhaul.analysis.Figures.p;
import static dev.longhaul.analysis.Figures.percent;
import static dev.longhaul.analysis.Figures.signed;
import static dev.longhaul.analysis.Figures.turnSet;

import dev.longhaul.analysis.stats.Inference;
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
                    + ", but without a mean test it stands alone";
            return new Verdict(VerdictKind.INCONCLUSIVE, "inconclusive: " + why + dropped);
        }
        String figures = "quality delta " + signed(test.estimate()) + ", " + percent(test.level()) + " CI "
                + interval(test.interval()) + ", p=" + p(test.pValue());
        if (drop != null) {
            return new Verdict(VerdictKind.BASELINE_BETTER, labels.a() + " is better: " + labels.b()
                    + "'s quality fell away from turn " + drop.turn() + " (approximate " + percent(drop.setLevel()) + " set: "
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
}
