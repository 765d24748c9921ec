package dev.longhaul.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time a run has left, estimated linearly from this run's pace: the time since it started over the turns it
 * played itself (turns restored from a checkpoint took no time here), times the turns still to play.
 *
 * @param clock    the session's clock
 * @param turns    turns in the run
 * @param restored turns restored from a checkpoint
 */
record RemainingTime(Clock clock, int turns, int restored) {

    /**
     * @param started when this run started (or resumed)
     * @param turn    the turn just played
     * @return the estimate after it
     */
    Duration after(Instant started, int turn) {
        int playedHere = Math.max(1, turn - restored);
        return Duration.between(started, clock.instant()).multipliedBy(turns - turn).dividedBy(playedHere);
    }
}
