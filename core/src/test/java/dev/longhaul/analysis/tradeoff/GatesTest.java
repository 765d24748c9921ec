package dev.longhaul.analysis.tradeoff;

import static dev.longhaul.analysis.tradeoff.TradeOffSummaryTest.kvLog;
import static dev.longhaul.analysis.tradeoff.TradeOffSummaryTest.report;
import static dev.longhaul.analysis.tradeoff.TradeOffSummaryTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.VerdictKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {

    private final TradeOffSummary close = summary(report("f16", kvLog(24.0), 20, 0.6, 100, -1, 99),
            report("q8_0", kvLog(12.75), 20, 0.6, 100, 0.001, 99));
    private final TradeOffSummary worse = summary(report("f16", kvLog(24.0), 20, 0.6, 100, -1, 99),
            report("q8_0", kvLog(12.75), 20, 0.4, 100, 0.2, 99));

    @Test
    void limitsKeptBreachNothing() {
        Gates.Outcome o = new Gates(true, 0.01, 0.8, 0.05).check(close);
        assertEquals(List.of(), o.breaches());
        assertEquals(List.of(), o.inconclusive());
    }

    @Test
    void everyLimitPassedIsOneLine() {
        assertEquals(VerdictKind.BASELINE_BETTER, worse.rows().get(1).verdict().kind());
        Gates.Outcome o = new Gates(true, 0.01, 0.9, 0.05).check(worse);
        assertEquals(4, o.breaches().size(), o.breaches().toString());
        assertTrue(o.breaches().get(0).startsWith("q8_0: --fail-on-regression: verdict baseline_better: "));
        assertEquals("q8_0: --max-kld: mean KLD 0.2 [0.2, 0.2] is above 0.01", o.breaches().get(1));
        assertEquals("q8_0: --min-same-top: same top 87.5 % is below 90.0 %", o.breaches().get(2));
        assertTrue(o.breaches().get(3).startsWith("q8_0: --max-quality-drop: quality fell by 0.2 "), o.breaches().get(3));
    }

    @Test
    void aGateWithoutItsFigureIsInconclusive() {
        TradeOffSummary fewTurns = summary(report("f16", kvLog(24.0), 4, 0.6, 100, -1, 99),
                report("q8_0", kvLog(12.75), 4, 0.6, 100, -1, 99));
        Gates.Outcome o = new Gates(true, 0.01, null, 0.05).check(fewTurns);
        assertEquals(List.of(), o.breaches());
        assertEquals(3, o.inconclusive().size(), o.inconclusive().toString());
        assertTrue(o.inconclusive().get(0).startsWith("q8_0: --fail-on-regression: the verdict is inconclusive"));
        assertEquals("q8_0: --max-kld: no token fidelity was measured", o.inconclusive().get(1));
        assertFalse(Gates.NONE.any());
    }

    @Test
    void limitsOutOfRangeAreRefusedNamingTheOption() {
        assertEquals("--min-same-top 99.0 is out of range [0, 1] (a rate: 0.99 for 99 %)",
                assertThrows(IllegalArgumentException.class, () -> new Gates(false, null, 99.0, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gates(false, -1.0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Gates(false, null, null, Double.NaN));
    }
}
