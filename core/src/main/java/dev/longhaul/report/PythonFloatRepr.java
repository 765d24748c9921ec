package dev.longhaul.report;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Python's {@code repr} of a finite, nonzero double, from the digits Raffaello Giulietti's Schubfach finds as
 * jackson-core ships it ({@link NumberOutput#toString(double, boolean)} with the fast writer).
 *
 * <p>Python writes, of all decimals that read back as the double, one with the fewest significant digits, and of
 * those the nearest, an exact tie going to the even digit (David Gay's {@code dtoa} mode 0). Schubfach finds the
 * same decimal, with one exception: it follows JDK 19's {@code Double.toString}, which asks for at least two
 * digits, so where a single digit would do it takes the nearest of one or two digits. For a normal double that is
 * the single digit whenever one reads back (there the 2-digit grid is far finer than the double's spacing), so
 * only the tiniest subnormals differ ({@code 4.9E-324} where Python writes {@code 5e-324}); for those the single
 * digit is tried.
 *
 * <p>Schubfach's text is plain from 10<sup>-3</sup> up to below 10<sup>7</sup> ({@code 0.001}, {@code 123.0}),
 * which is Python's notation too, and {@code d.dddE±n} outside, rewritten here in Python's: plain from
 * 10<sup>-4</sup> up to below 10<sup>16</sup>, else {@code d.ddde±nn} ({@code 1e-05}, {@code 1.5e+16}).
 */
final class PythonFloatRepr {

    /* The decimal 0.digits × 10^decimalPoint: digits without leading or trailing zeros ("1", -4 is 1e-05). */
    private record Decimal(String digits, int decimalPoint) {

        BigDecimal value() {
            return new BigDecimal(digits).scaleByPowerOfTen(decimalPoint - digits.length());
        }
    }

    private PythonFloatRepr() {
    }

    /**
     * @param x a finite, nonzero double
     * @return Python's {@code repr(x)}
     */
    static String of(double x) {
        String schubfach = NumberOutput.toString(x, true);
        int exponentAt = schubfach.indexOf('E');
        if (exponentAt < 0) {
            return schubfach;
        }
        boolean negative = x < 0;
        Decimal decimal = scientific(schubfach, negative ? 1 : 0, exponentAt);
        double magnitude = Math.abs(x);
        if (magnitude < Double.MIN_NORMAL && decimal.digits().length() == 2) {
            decimal = oneDigitIfItReadsBack(magnitude, decimal);
        }
        return pythonNotation(negative, decimal);
    }

    /* "d.dddE±n" from index start: its first digit is not zero, its last may be ("1.0E-5"). */
    private static Decimal scientific(String text, int start, int exponentAt) {
        int end = exponentAt;
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        StringBuilder digits = new StringBuilder(end - start).append(text.charAt(start));
        if (end > start + 2) {
            digits.append(text, start + 2, end);
        }
        return new Decimal(digits.toString(), Integer.parseInt(text, exponentAt + 1, text.length(), 10) + 1);
    }

    /*
     * Two digits "ab" for a subnormal: the single digits nearest to x are a and a + 1 in the place of "a"; of those
     * that read back as x, the nearer one, an exact tie going to the even digit.
     */
    private static Decimal oneDigitIfItReadsBack(double x, Decimal twoDigits) {
        int a = twoDigits.digits().charAt(0) - '0';
        Decimal down = new Decimal(Integer.toString(a), twoDigits.decimalPoint());
        Decimal up = a == 9
                ? new Decimal("1", twoDigits.decimalPoint() + 1)
                : new Decimal(Integer.toString(a + 1), twoDigits.decimalPoint());
        boolean downReadsBack = down.value().doubleValue() == x;
        boolean upReadsBack = up.value().doubleValue() == x;
        if (downReadsBack && upReadsBack) {
            BigDecimal exact = new BigDecimal(x);
            int cmp = exact.subtract(down.value()).compareTo(up.value().subtract(exact));
            return cmp < 0 || cmp == 0 && a % 2 == 0 ? down : up;
        }
        if (downReadsBack) {
            return down;
        }
        return upReadsBack ? up : twoDigits;
    }

    /* Positional from 1e-4 up to below 1e16 ("0.0001", "123.0"), else exponent with a sign and two digits at least. */
    private static String pythonNotation(boolean negative, Decimal decimal) {
        String digits = decimal.digits();
        int decimalPoint = decimal.decimalPoint();
        StringBuilder out = new StringBuilder(26);
        if (negative) {
            out.append('-');
        }
        if (decimalPoint <= -4 || decimalPoint > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decimalPoint - 1;
            out.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) {
                out.append('0');
            }
            return out.append(Math.abs(exponent)).toString();
        }
        if (decimalPoint <= 0) {
            out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
        return out.toString();
    }
}
