package dev.longhaul.report;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * The decimal Python's {@code repr} writes for a positive finite double: of all decimals that read back as the
 * double, one with the fewest significant digits, and of those the nearest to it (David Gay's {@code dtoa} mode 0).
 * Its value is {@code 0.digits × 10^decimalPoint}: {@code 0.1} is ("1", 0), {@code 123.0} is ("123", 3),
 * {@code 1e-05} is ("1", -4).
 *
 * <p>The digits come from Raffaello Giulietti's Schubfach as jackson-core ships it ({@link NumberOutput#toString(
 * double, boolean)} with the fast writer): shortest and nearest, with one exception. Schubfach writes what JDK 19's
 * {@code Double.toString} specifies, which asks for at least two digits: where a single digit would do it picks the
 * nearest of one or two digits. For normal doubles that is the single digit whenever one reads back (the 2-digit
 * grid is far finer than a double's spacing there), so only the tiniest subnormals differ ({@code 4.9E-324} where
 * Python writes {@code 5e-324}); {@link #of} tries the single digit for those.
 *
 * @param digits       the significant digits, without leading or trailing zeros
 * @param decimalPoint where the decimal point goes relative to the first digit, as in Python's float formatting
 */
record ShortestDecimal(String digits, int decimalPoint) {

    /**
     * @param x a positive finite double
     * @return the shortest decimal that reads back as {@code x}, the nearest to it of those
     */
    static ShortestDecimal of(double x) {
        ShortestDecimal schubfach = parse(NumberOutput.toString(x, true));
        if (x < Double.MIN_NORMAL && schubfach.digits.length() == 2) {
            return oneDigitIfItReadsBack(x, schubfach);
        }
        return schubfach;
    }

    /* Schubfach's text, Double.toString's format: "123.45", "0.00123", "1.0E-5", "1.2345E23". */
    private static ShortestDecimal parse(String text) {
        int exponentAt = text.indexOf('E');
        int mantissaEnd = exponentAt < 0 ? text.length() : exponentAt;
        int decimalPoint = text.indexOf('.');
        if (exponentAt >= 0) {
            decimalPoint += Integer.parseInt(text, exponentAt + 1, text.length(), 10);
        }
        StringBuilder digits = new StringBuilder(mantissaEnd);
        for (int i = 0; i < mantissaEnd; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (c == '0' && digits.length() == 0) {
                decimalPoint--; // a leading zero ("0.001"): the first significant digit comes one place later
            } else {
                digits.append(c);
            }
        }
        int length = digits.length();
        while (digits.charAt(length - 1) == '0') {
            length--;
        }
        digits.setLength(length);
        return new ShortestDecimal(digits.toString(), decimalPoint);
    }

    /*
     * Two digits "ab" for a subnormal: the single digits nearest to x are a and a + 1 in the place of "a"; of those
     * that read back as x, the nearer one (an exact tie cannot occur for a double; it would go to the even digit).
     */
    private static ShortestDecimal oneDigitIfItReadsBack(double x, ShortestDecimal twoDigits) {
        int a = twoDigits.digits.charAt(0) - '0';
        ShortestDecimal down = new ShortestDecimal(Integer.toString(a), twoDigits.decimalPoint);
        ShortestDecimal up = a == 9
                ? new ShortestDecimal("1", twoDigits.decimalPoint + 1)
                : new ShortestDecimal(Integer.toString(a + 1), twoDigits.decimalPoint);
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

    private BigDecimal value() {
        return new BigDecimal(digits).scaleByPowerOfTen(decimalPoint - digits.length());
    }
}
