package dev.longhaul.analysis.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.longhaul.report.ProbeRecall;
import dev.longhaul.report.ProbeRecall.Tally;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecallTableTest {

    private static ProbeRecall recall(int unplanted) {
        Map<String, Tally> byDistance = new LinkedHashMap<>();
        byDistance.put("1-5", new Tally(1, 1));
        byDistance.put("6-10", new Tally(0, 0));
        byDistance.put("11-20", new Tally(2, 1));
        byDistance.put("21+", new Tally(3, 0));
        return new ProbeRecall(new Tally(6, 2), new Tally(3, 2), new Tally(3, 0), byDistance, unplanted);
    }

    @Test
    void showsEachRunsRecallSideBySide() {
        assertEquals(List.of(
                " recall           f16          q8_0         plain",
                " all              2/6 0.333    2/6 0.333    -",
                " in context       2/3 0.667    2/3 0.667    -",
                " out of context   0/3 0.000    0/3 0.000    -",
                " 1-5 turns        1/1 1.000    1/1 1.000    -",
                " 6-10 turns       0/0 -        0/0 -        -",
                " 11-20 turns      1/2 0.500    1/2 0.500    -",
                " 21+ turns        0/3 0.000    0/3 0.000    -",
                " unplanted        0            1            -"),
                RecallTable.lines(List.of("f16", "q8_0", "plain"), Arrays.asList(recall(0), recall(1), null)));
    }

    @Test
    void nothingWithoutProbesAndNoUnplantedRowWhenNoneWere() {
        assertEquals(List.of(), RecallTable.lines(List.of("a"), Arrays.asList((ProbeRecall) null)));
        assertEquals(8, RecallTable.lines(List.of("a"), List.of(recall(0))).size());
        assertThrows(IllegalArgumentException.class, () -> RecallTable.lines(List.of("a", "b"), List.of(recall(0))));
    }
}
