package dev.longhaul.session;

import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.TurnMetrics;
import java.time.Duration;

/**
 * What a {@link TurnListener} hears after each turn: the turn's outcome and how far the run has come.
 * Exactly one of {@link #metrics()} and {@link #failure()} is non-null.
 *
 * @param turn               1-based turn number
 * @param totalTurns         turns the run will play
 * @param phase              the script phase
 * @param prompt             the turn's scripted prompt (sent after the history window)
 * @param response           the answer; null when the backend gave none, kept when only the scorer failed
 * @param metrics            the turn's metrics, or null when the turn failed
 * @param failure            why the turn failed, or null when it succeeded
 * @param runElapsed         wall time since the run started (zero for a turn restored from a checkpoint)
 * @param estimatedRemaining a linear estimate of the time the remaining turns will take (zero for a restored
 *                           turn)
 */
public record TurnEvent(int turn, int totalTurns, String phase, String prompt, String response,
                        TurnMetrics metrics, FailedTurn failure, Duration runElapsed, Duration estimatedRemaining) {

    /** @return whether the turn was scored ({@link #failure()} is null); false also when only the scorer failed */
    public boolean succeeded() {
        return failure == null;
    }
}
