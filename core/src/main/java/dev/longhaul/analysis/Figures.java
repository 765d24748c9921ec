package dev.longhaul.analysis;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.report.PythonFormat;
import java.math.BigDecimal;

/** How the figures of a comparison read in text: signed deltas, intervals, levels, p-values, turn sets. */
final class Figures {

    private Figures() {
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
        return new BigDecimal(Double.toString(level)).movePointRight(2).stripTrailingZeros().toPlainString()
                + "%";
    }

    static String p(double p) {
        return p < 0.0001 ? "<0.0001" : PythonFormat.fixed(p, 4);
    }
}
