package dev.longhaul.analysis.pressure;

import dev.longhaul.report.ContextPressureCounts;
import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks the degradation alerts that coincide with context pressure: the alert's turn, or any answered turn from the
 * first turn of its window up to it, was near or past the context size or suspected of a truncated prompt. A drop
 * there may be the context's doing rather than the configuration's.
 */
public final class PressuredAlerts {

    private PressuredAlerts() {
    }

    /**
     * @param alerts   the run's alerts, found over {@code measured}
     * @param measured the turns the detector judged, in order
     * @param answered every answered turn, excluded ones included, in order
     * @param window   the detector's window
     * @return the alerts, those that coincide with pressure marked
     */
    public static List<DegradationAlert> mark(List<DegradationAlert> alerts, List<TurnMetrics> measured,
                                              List<TurnMetrics> answered, int window) {
        List<DegradationAlert> marked = new ArrayList<>(alerts.size());
        for (DegradationAlert alert : alerts) {
            int firstTurn = firstTurnOfWindow(alert.turn(), measured, window);
            boolean pressured = answered.stream().anyMatch(t -> t.turn() >= firstTurn && t.turn() <= alert.turn()
                    && ContextPressureCounts.isPressured(t));
            marked.add(pressured ? alert.withContextPressure() : alert);
        }
        return marked;
    }

    private static int firstTurnOfWindow(int alertTurn, List<TurnMetrics> measured, int window) {
        for (int i = 0; i < measured.size(); i++) {
            if (measured.get(i).turn() == alertTurn) {
                return measured.get(Math.max(0, i - window)).turn();
            }
        }
        return alertTurn;
    }
}
