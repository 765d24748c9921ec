package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhaseAveragesTest {

    @Test
    void meanFirstAndLastOfEachPhasePerRun() {
        SessionReport run = Runs.run("f16", new double[]{0.5, 0.7, 0.6, 0.8, 0.9, 0.4, 0.6}, Set.of(3), Set.of());
        ReportSet set = ReportSet.of(List.of(run));

        PhaseAverages phases = PhaseAverages.of(set, Timeline.of(set));

        assertEquals(List.of("code_gen", "debug"), phases.phases());
        assertEquals(new PhaseAverages.Cell((0.5 + 0.7 + 0.8 + 0.9) / 4, 0.5, 0.9), phases.cell("code_gen", "f16"));
        assertEquals("\u2191", phases.cell("debug", "f16").trend(), "0.4 then 0.6");
        assertNull(phases.cell("debug", "q8_0"));
    }

    @Test
    void turnsExcludedFromQualityAreLeftOut() {
        SessionReport run = Runs.run("f16", new double[]{0.8, 0.1, 0.6}, Set.of(), Set.of());
        List<TurnMetrics> turns = new ArrayList<>();
        for (TurnMetrics t : run.turnMetrics()) {
            Map<String, Object> values = new LinkedHashMap<>(t.values());
            if (t.turn() == 2) {
                values.put("excluded_from_quality", true); // a recall probe
            }
            turns.add(new TurnMetrics(t.turn(), t.phase(), values));
        }
        ReportSet set = ReportSet.of(List.of(new SessionReport(run.config(), turns, List.of(), run.summary(),
                List.of(), List.of())));

        assertEquals(new PhaseAverages.Cell((0.8 + 0.6) / 2, 0.8, 0.6), PhaseAverages.of(set, Timeline.of(set)).cell("code_gen", "f16"));
    }
}
