package dev.longhaul.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Python's rounding and formatting of numbers and scalars, so that reports, alerts, summaries and text renderings
 * carry the very digits the Python seed produces.
 *
 * <ul>
 *   <li>{@link #round(double, int)} is Python's {@code round(x, n)}: the exact binary value rounded half-even to
 *       {@code n} decimals, then the nearest double ({@code round(2.675, 2) == 2.67}, {@code round(0.125, 2) ==
 *       0.12}).</li>
 *   <li>{@link #fixed(double, int)} is {@code f"{x:.nf}"}: the exact value rounded half-even, the sign of negative
 *       values kept even when the digits are all zero ({@code -0.000}).</li>
 *   <li>{@link #repr(double)} is {@code repr(x)}: the shortest digits that read back as {@code x}, in positional
 *       notation from {@code 1e-4} up to below {@code 1e16} ({@code 0.0001}, {@code 123.0}) and in exponent
 *       notation outside ({@code 1e-05}, {@code 1e+16}). The digits are found by Raffaello Giulietti's
 *       Schubfach algorithm as jackson-core ships it; JDK 17's {@link Double#toString(double)} is not always
 *       shortest and uses other notation, so it is not used.</li>
 *   <li>{@link #str(Object)} is {@code str(x)} for JSON scalars; {@link #alignLeft}/{@link #alignRight} are the
 *       {@code :<w}/{@code :>w} paddings, counted in code points as Python counts string length.</li>
 * </ul>
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * Python's {@code round(x, ndigits)} for a float.
     *
     * @param x       the value
     * @param ndigits decimals to keep, at least 0
     * @return the double nearest to {@code x} rounded half-even to {@code ndigits} decimals; NaN, infinities and
     *         zeros unchanged; a negative value that rounds to zero gives {@code -0.0} as in Python
     */
    public static double round(double x, int ndigits) {
        if (ndigits < 0) {
            throw new IllegalArgumentException("ndigits must be at least 0, was " + ndigits);
        }
        if (!Double.isFinite(x) || x == 0) {
            return x;
        }
        double rounded = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
        return rounded == 0 ? Math.copySign(0.0, x) : rounded;
    }

    /**
     * Python's {@code f"{x:.nf}"}.
     *
     * @param x        the value
     * @param decimals digits after the point, at least 0 (no point when 0)
     * @return the text, {@code nan}, {@code inf} or {@code -inf} for non-finite values
     */
    public static String fixed(double x, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be at least 0, was " + decimals);
        }
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = Double.doubleToRawLongBits(x) < 0;
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }

    /**
     * Python's {@code repr(x)} for a float.
     *
     * @param x the value
     * @return the shortest round-trip text, e.g. {@code 0.1}, {@code 123.0}, {@code 1e-05}, {@code 1.5e+16},
     *         {@code -0.0}, {@code nan}, {@code inf}
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        return PythonFloatRepr.of(x);
    }

    /**
     * A float as Python's {@code json.dumps} writes it: {@link #repr(double)} for finite values, {@code NaN},
     * {@code Infinity} and {@code -Infinity} otherwise.
     *
     * @param x the value
     * @return the JSON number text
     */
    public static String jsonNumber(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        return repr(x);
    }

    /**
     * Python's {@code str(x)} for the scalars a JSON report holds.
     *
     * @param value a {@link String}, {@link Boolean}, integer ({@link Integer}, {@link Long}, {@link Short},
     *              {@link Byte}, {@link BigInteger}), {@link Double}, {@link Float}, or null
     * @return {@code None} for null, {@code True}/{@code False}, decimal integers, {@link #repr(double)} for floats
     * @throws IllegalArgumentException for any other type
     */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return repr(((Number) value).doubleValue());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        throw new IllegalArgumentException("no Python str() for a " + value.getClass().getSimpleName());
    }

    /**
     * Python's {@code f"{text:<width}"} (also {@code :width s}): {@code text} padded with spaces on the right.
     *
     * @param text  the text
     * @param width the minimum width in code points
     * @return the padded text; longer text is not cut
     */
    public static String alignLeft(String text, int width) {
        return text + padding(text, width);
    }

    /**
     * Python's {@code f"{text:>width}"} (also {@code :width d} for an integer's digits): {@code text} padded with
     * spaces on the left.
     *
     * @param text  the text
     * @param width the minimum width in code points
     * @return the padded text; longer text is not cut
     */
    public static String alignRight(String text, int width) {
        return padding(text, width) + text;
    }

    private static String padding(String text, int width) {
        int missing = width - text.codePointCount(0, text.length());
        return missing > 0 ? " ".repeat(missing) : "";
    }
}
