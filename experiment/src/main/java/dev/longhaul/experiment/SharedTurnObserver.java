package dev.longhaul.experiment;

import dev.longhaul.backend.BackendException;
import java.util.Map;

/**
 * Measures an arm's answer against the baseline's in shared-history mode, turn by turn; what it returns is added to
 * the arm's metrics of that turn (after the scorer's and the backend's; existing keys are kept), so the report, the
 * per-turn series and the comparison's arm-only figures carry it.
 *
 * <p>Called after the arm answered, only when both the baseline and the arm answered the turn, on the experiment's
 * thread, with both backends open and idle. A failure is logged and the turn keeps its other metrics.
 */
@FunctionalInterface
public interface SharedTurnObserver {

    /**
     * @param turn the arm's answer and the baseline's, with their shared conversation and backends
     * @return metric name to value (numbers for figures to be compared), in report order; empty for none
     * @throws BackendException when a backend fails while measuring
     */
    Map<String, Object> observe(SharedTurn turn) throws BackendException;
}
