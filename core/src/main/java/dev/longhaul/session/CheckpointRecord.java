package dev.longhaul.session;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.TurnMetrics;

/**
 * One finished turn as the checkpoint keeps it: answered (with the answer and its metrics) or failed.
 *
 * @param turn     the turn
 * @param phase    its phase
 * @param prompt   the prompt sent
 * @param response the answer, or null when the turn failed
 * @param metrics  the turn's metrics, or null when the turn failed
 * @param failure  why the turn failed, or null when it was answered
 */
record CheckpointRecord(int turn, String phase, String prompt, String response, TurnMetrics metrics, FailedTurn failure) {

    static CheckpointRecord answered(TurnMetrics metrics, String prompt, String response) {
        return new CheckpointRecord(metrics.turn(), metrics.phase(), prompt, response, metrics, null);
    }

    static CheckpointRecord failed(FailedTurn failure) {
        return new CheckpointRecord(failure.turn(), failure.phase(), failure.prompt(), null, null, failure);
    }

    boolean answered() {
        return failure == null;
    }
}
