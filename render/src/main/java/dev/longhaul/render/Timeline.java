package dev.longhaul.render;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The turns of a set of runs on one axis: the last turn (the most requested, or the last played if later), the
 * phase of each played turn (from the first run that played it) and the stretches of turns in one phase.
 */
final class Timeline {

    private final int lastTurn;
    private final TreeMap<Integer, String> phases;

    private Timeline(int lastTurn, TreeMap<Integer, String> phases) {
        this.lastTurn = lastTurn;
        this.phases = phases;
    }

    static Timeline of(ReportSet set) {
        TreeMap<Integer, String> phases = new TreeMap<>();
        int last = 1;
        for (Arm arm : set.arms()) {
            SessionReport report = arm.report();
            last = Math.max(last, report.config().totalTurns());
            for (TurnMetrics turn : report.turnMetrics()) {
                phases.putIfAbsent(turn.turn(), turn.phase());
            }
            for (FailedTurn turn : report.failedTurns()) {
                phases.putIfAbsent(turn.turn(), turn.phase());
            }
            for (SavedResponse turn : report.responses()) {
                phases.putIfAbsent(turn.turn(), turn.phase());
            }
        }
        if (!phases.isEmpty()) {
            last = Math.max(last, phases.lastKey());
        }
        return new Timeline(last, phases);
    }

    /** @return the last turn of the x axis */
    int lastTurn() {
        return lastTurn;
    }

    /** @return every played turn (answered or failed in some run) with its phase, in turn order */
    Map<Integer, String> playedTurns() {
        return phases;
    }

    /** @return runs of consecutive played turns in one phase; an unplayed turn ends a band */
    List<LineChart.Band> bands() {
        List<LineChart.Band> bands = new ArrayList<>();
        String phase = null;
        int from = 0;
        int previous = 0;
        for (Map.Entry<Integer, String> turn : phases.entrySet()) {
            if (phase != null && (turn.getKey() != previous + 1 || !turn.getValue().equals(phase))) {
                bands.add(new LineChart.Band(phase, from, previous));
                phase = null;
            }
            if (phase == null) {
                phase = turn.getValue();
                from = turn.getKey();
            }
            previous = turn.getKey();
        }
        if (phase != null) {
            bands.add(new LineChart.Band(phase, from, previous));
        }
        return bands;
    }
}
