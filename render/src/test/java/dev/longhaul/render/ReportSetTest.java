package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.longhaul.report.SessionReport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportSetTest {

    private static final SessionReport F16 = Runs.run("f16", Runs.scores(3, 0.8), Set.of(), Set.of());
    private static final SessionReport Q8 = Runs.run("q8_0", Runs.scores(3, 0.6), Set.of(), Set.of());

    @Test
    void everyLaterRunIsComparedWithTheFirst() {
        ReportSet set = ReportSet.of(List.of(F16, Q8, F16));

        assertEquals(List.of("f16", "q8_0", "f16#2"), set.arms().stream().map(Arm::label).toList());
        assertEquals(List.of(List.of("f16", "q8_0"), List.of("f16", "f16#2")),
                set.comparisons().stream().map(c -> c.get("labels")).toList());
        assertEquals("f16 is BETTER by 0.200", set.comparisons().get(0).get("verdict"));
    }

    @Test
    void labelsMustDifferAndARunIsNeeded() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new ReportSet(List.of(new Arm("f16", F16), new Arm("f16", Q8)), List.of()));
        assertEquals("two runs are labelled 'f16'; labels must differ", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportSet.of(List.of()));
    }
}
