package dev.longhaul.render;

import dev.longhaul.report.DegradationAlert;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One report's turns by number — metrics, failure, alert, saved answer — looked up in constant time, so that a page
 * of N turns renders in time linear in N (a search per turn made a 100,000-turn page take minutes). The first entry
 * of a turn wins, as the searches it replaces found.
 */
final class TurnIndex {

    private final Map<Integer, TurnMetrics> metrics;
    private final Map<Integer, FailedTurn> failures;
    private final Map<Integer, DegradationAlert> alerts;
    private final Map<Integer, SavedResponse> saved;

    TurnIndex(SessionReport report) {
        this.metrics = byTurn(report.turnMetrics(), TurnMetrics::turn);
        this.failures = byTurn(report.failedTurns(), FailedTurn::turn);
        this.alerts = byTurn(report.degradationAlerts(), DegradationAlert::turn);
        this.saved = byTurn(report.responses(), SavedResponse::turn);
    }

    private static <T> Map<Integer, T> byTurn(List<T> items, ToIntFunction<T> turn) {
        Map<Integer, T> map = new HashMap<>(items.size() * 2);
        for (T item : items) {
            map.putIfAbsent(turn.applyAsInt(item), item);
        }
        return map;
    }

    /** @return the turn's metrics, or null when it was not answered */
    TurnMetrics metrics(int turn) {
        return metrics.get(turn);
    }

    /** @return why the turn failed, or null */
    FailedTurn failure(int turn) {
        return failures.get(turn);
    }

    /** @return the turn's degradation alert, or null */
    DegradationAlert alert(int turn) {
        return alerts.get(turn);
    }

    /** @return the turn's saved prompt and answer, or null */
    SavedResponse saved(int turn) {
        return saved.get(turn);
    }

    /** @return the prompt the turn was sent, when saved or recorded with its failure, else null */
    String prompt(int turn) {
        SavedResponse answer = saved(turn);
        if (answer != null) {
            return answer.prompt();
        }
        FailedTurn failed = failure(turn);
        return failed == null ? null : failed.prompt();
    }
}
