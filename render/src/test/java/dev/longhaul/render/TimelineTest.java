package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.report.SessionReport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void bandsFollowThePhasesAndRestartWhenTheScriptCycles() {
        SessionReport run = Runs.run("f16", Runs.scores(27, 0.8), Set.of(), Set.of());

        Timeline timeline = Timeline.of(ReportSet.of(List.of(run)));

        assertEquals(27, timeline.lastTurn());
        assertEquals(List.of(new LineChart.Band("code_gen", 1, 5), new LineChart.Band("debug", 6, 10),
                new LineChart.Band("refactor", 11, 15), new LineChart.Band("testing", 16, 20),
                new LineChart.Band("iteration", 21, 25), new LineChart.Band("code_gen", 26, 27)), timeline.bands());
    }

    @Test
    void aTurnNoRunPlayedEndsABandAndTheAxisKeepsTheRequestedTurns() {
        SessionReport failedEverywhere = Runs.run("f16", Runs.scores(5, 0.8), Set.of(), Set.of());
        SessionReport shorter = new SessionReport(failedEverywhere.config(),
                failedEverywhere.turnMetrics().stream().filter(t -> t.turn() != 3 && t.turn() < 5).toList(),
                List.of(), failedEverywhere.summary(), List.of(), List.of());

        Timeline timeline = Timeline.of(ReportSet.of(List.of(shorter)));

        assertEquals(5, timeline.lastTurn(), "total_turns");
        assertEquals(List.of(new LineChart.Band("code_gen", 1, 2), new LineChart.Band("code_gen", 4, 4)),
                timeline.bands());
    }
}
