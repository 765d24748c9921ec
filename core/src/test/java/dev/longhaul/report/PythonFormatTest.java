package dev.longhaul.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PythonFormatTest {

    /** Rows of python-floats.tsv: a double's bits and what Python 3.11 prints for it. */
    private record Row(double x, String repr, String round3, String round0, List<String> fixed) {
    }

    private static List<Row> pythonRows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PythonFormatTest.class.getResourceAsStream("/parity/python-floats.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] c = line.split("\t");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(c[0], 16));
                rows.add(new Row(x, c[1], c[2], c[3], List.of(c[4], c[5], c[6], c[7])));
            }
        }
        assertTrue(rows.size() > 1000, "parity table loaded");
        return rows;
    }

    @Test
    void reprMatchesPythonForEveryTabulatedValue() throws IOException {
        for (Row row : pythonRows()) {
            assertEquals(row.repr(), PythonFormat.repr(row.x()), () -> "repr of bits " + bits(row.x()));
        }
    }

    @Test
    void roundMatchesPythonBitForBit() throws IOException {
        for (Row row : pythonRows()) {
            assertRound(row.round3(), row.x(), 3);
            assertRound(row.round0(), row.x(), 0);
        }
    }

    @Test
    void fixedMatchesPythonFormatSpec() throws IOException {
        int[] decimals = {3, 2, 1, 0};
        for (Row row : pythonRows()) {
            for (int i = 0; i < decimals.length; i++) {
                String expected = row.fixed().get(i);
                if (!expected.equals("-")) {
                    int n = decimals[i];
                    assertEquals(expected, PythonFormat.fixed(row.x(), n), () -> ".%df of %s".formatted(n, row.repr()));
                }
            }
        }
    }

    @Test
    void reprIsShortestAndRoundTripsForRandomDoubles() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(x)) {
                continue;
            }
            String repr = PythonFormat.repr(x);
            assertEquals(x, Double.parseDouble(repr), repr);
            String digits = new BigDecimal(repr).stripTrailingZeros().unscaledValue().abs().toString();
            if (digits.length() > 1) {
                BigDecimal shorter = new BigDecimal(x).round(new java.math.MathContext(digits.length() - 1));
                assertTrue(shorter.doubleValue() != x || digits.length() == 1, () -> "not shortest: " + repr);
            }
        }
    }

    @Test
    void documentedExamples() {
        assertEquals("1e-05", PythonFormat.repr(1e-5));
        assertEquals("0.0001", PythonFormat.repr(1e-4));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("123.0", PythonFormat.repr(123.0));
        assertEquals("-0.000", PythonFormat.fixed(-0.0, 3));
        assertEquals("-0.000", PythonFormat.fixed(-0.0001, 3));
        assertEquals(2.67, PythonFormat.round(2.675, 2));
        assertEquals(0.12, PythonFormat.round(0.125, 2));
        assertEquals("NaN", PythonFormat.jsonNumber(Double.NaN));
        assertEquals("-Infinity", PythonFormat.jsonNumber(Double.NEGATIVE_INFINITY));
        assertEquals("1e+16", PythonFormat.jsonNumber(1e16));
    }

    @Test
    void reprWritesOneDigitForTinySubnormalsWhereSchubfachWritesTwo() {
        assertEquals("5e-324", PythonFormat.repr(Double.MIN_VALUE)); // Schubfach: 4.9E-324
        assertEquals("-5e-324", PythonFormat.repr(-Double.MIN_VALUE));
        assertEquals("1e-323", PythonFormat.repr(Double.longBitsToDouble(2))); // 9.9E-324
        assertEquals("6e-323", PythonFormat.repr(Double.longBitsToDouble(12))); // 5.9E-323
        assertEquals("1e-322", PythonFormat.repr(Double.longBitsToDouble(20))); // 9.9E-323
        assertEquals("1.5e-323", PythonFormat.repr(Double.longBitsToDouble(3))); // no single digit reads back
        assertEquals("4.4e-323", PythonFormat.repr(Double.longBitsToDouble(9)));
    }

    @Test
    void reprBreaksExactTiesBetweenShortestDecimalsToTheEvenDigit() {
        // 2^50 + 0.25 lies exactly midway between ...24.2 and ...24.3, both of which read back
        assertEquals("1125899906842624.2", PythonFormat.repr(0x1p50 + 0.25));
        assertEquals("1125899906842624.8", PythonFormat.repr(0x1p50 + 0.75));
        assertEquals("-1000000000000000.2", PythonFormat.repr(-1000000000000000.25));
    }

    @Test
    void strFollowsPythonForScalars() {
        assertEquals("None", PythonFormat.str(null));
        assertEquals("True", PythonFormat.str(true));
        assertEquals("42", PythonFormat.str(42L));
        assertEquals("0.5", PythonFormat.str(0.5));
        assertEquals("f16", PythonFormat.str("f16"));
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.str(List.of()));
    }

    @Test
    void alignmentCountsCodePointsAndNeverCuts() {
        assertEquals("code_gen    ", PythonFormat.alignLeft("code_gen", 12));
        assertEquals("   7", PythonFormat.alignRight("7", 4));
        assertEquals("\uD83D\uDE00 ", PythonFormat.alignLeft("\uD83D\uDE00", 2));
        assertEquals("refactoring_long", PythonFormat.alignLeft("refactoring_long", 10));
    }

    @Test
    void negativeDigitCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.round(1.0, -1));
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.fixed(1.0, -1));
    }

    private static void assertRound(String expectedRepr, double x, int n) {
        double actual = PythonFormat.round(x, n);
        assertEquals(expectedRepr, PythonFormat.repr(actual), () -> "round(" + PythonFormat.repr(x) + ", " + n + ")");
        if (!expectedRepr.equals("nan")) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(expectedRepr)),
                    Double.doubleToRawLongBits(actual), () -> "round(" + PythonFormat.repr(x) + ", " + n + ") bits");
        }
    }

    private static String bits(double x) {
        return Long.toHexString(Double.doubleToRawLongBits(x));
    }
}
