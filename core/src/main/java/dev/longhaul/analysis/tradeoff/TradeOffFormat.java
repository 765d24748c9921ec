package dev.longhaul.analysis.tradeoff;

import dev.longhaul.analysis.stats.Interval;
import dev.longhaul.report.PythonFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the summary writes its figures, the same in the table and in the sentence. */
final class TradeOffFormat {

    /** What stands where a figure was not measured. */
    static final String UNKNOWN = "unknown";

    private static final String MINUS = "\u2212";

    private TradeOffFormat() {
    }

    /** A change in percent, rounded to a whole percent: {@code −47 %}, {@code +3 %}, {@code 0 %}. */
    static String percent(double change) {
        long rounded = Math.round(change);
        return (rounded < 0 ? MINUS + (-rounded) : rounded > 0 ? "+" + rounded : "0") + " %";
    }

    /** A size in MiB as llama.cpp logged it, shortest: {@code 24.0}, {@code 12.75}. */
    static String mib(double mib) {
        return PythonFormat.repr(mib);
    }

    /** A speed with one decimal. */
    static String speed(double tokensPerSecond) {
        return String.format(Locale.ROOT, "%.1f", tokensPerSecond);
    }

    /** A KLD with two significant digits, never in exponent notation: {@code 0.00042}. */
    static String kld(double kld) {
        if (kld == 0) {
            return "0";
        }
        return new BigDecimal(kld).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** A rate as a percentage with one decimal: {@code 99.9 %}. */
    static String rate(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** A rate's bounds as percentages: {@code [98.8, 99.5]}. */
    static String rateInterval(Interval interval) {
        return interval.defined() ? String.format(Locale.ROOT, "[%.1f, %.1f]", interval.low() * 100,
                interval.high() * 100) : "[\u2014]";
    }

    /** A KLD interval: {@code [0.00083, 0.0011]}. */
    static String kldInterval(Interval interval) {
        return interval.defined() ? "[" + kld(interval.low()) + ", " + kld(interval.high()) + "]" : "[\u2014]";
    }

    /** A quality difference with its sign and three decimals: {@code +0.004}, {@code −0.081}. */
    static String signed(double delta) {
        String text = String.format(Locale.ROOT, "%+.3f", delta);
        return text.startsWith("-") ? MINUS + text.substring(1) : text;
    }

    /** A quality interval: {@code [−0.010, +0.018]}. */
    static String signedInterval(Interval interval) {
        return interval.defined() ? "[" + signed(interval.low()) + ", " + signed(interval.high()) + "]" : "[\u2014]";
    }
}
