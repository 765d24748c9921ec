package dev.longhaul.experiment;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The whole study's work and how long the rest of it will take: the turns every run of every repeat plays, less
 * what an earlier session of a resumed study already played, and a wall-clock estimate from the turns played most
 * recently. Wall clock, so that the time between turns counts too: in shared history that is the token-fidelity
 * forcing, which no run's own clock sees. Recent turns rather than all of them, because a turn's cost grows with its
 * prompt until the history window slides: on the README's main job the mean over all turns played said 1:28 left at
 * turn 35 of 50 where 3:55 were.
 *
 * <p>A {@link Study} keeps one and tells it of every turn, of every run finished in an earlier session and of the
 * turns a resumed run's journal restores; its listeners read the estimate ({@link Study#clock()}). Thread-safe.
 */
public final class StudyClock {

    /** Turns to play before an estimate is given: the first turns' short prompts say little about the rest. */
    public static final int TURNS_BEFORE_ESTIMATE = 3;
    /** Turns whose pace the estimate follows, once that many were played. */
    public static final int RECENT_TURNS = 10;

    private final LongSupplier nanoTime;
    private final long started;
    private final int turnsPerRun;
    private long turnsToPlay;
    private long played;
    private final long[] playedAt = new long[RECENT_TURNS];

    /**
     * The study's estimate: how far it came and what is left.
     *
     * @param played      turns played in this session
     * @param turnsToPlay turns this session plays in all
     * @param remaining   the estimated wall time left
     */
    public record Estimate(long played, long turnsToPlay, Duration remaining) {
    }

    /**
     * @param runs        the study's runs: (arms + noise floor) × repeats
     * @param turnsPerRun turns every run plays
     * @param nanoTime    the clock ({@code System::nanoTime})
     */
    public StudyClock(long runs, int turnsPerRun, LongSupplier nanoTime) {
        this.turnsPerRun = turnsPerRun;
        this.turnsToPlay = runs * turnsPerRun;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** @return the turns the study plays in this session, in all */
    public synchronized long turnsToPlay() {
        return turnsToPlay;
    }

    /** A run finished in an earlier session and is not played again. */
    public synchronized void restoredRun() {
        lessToPlay(turnsPerRun);
    }

    /**
     * A run resumes from its journal: the turns it journalled in an earlier session are restored, not played.
     *
     * @param turnsJournalled the turns its journal holds, answered or failed
     */
    public synchronized void resumedRun(int turnsJournalled) {
        lessToPlay(Math.min(turnsJournalled, turnsPerRun));
    }

    private void lessToPlay(long turns) {
        turnsToPlay = Math.max(played, turnsToPlay - turns);
    }

    /** One turn of some run was played (answered or failed). */
    public synchronized void played() {
        playedAt[(int) (played % RECENT_TURNS)] = nanoTime.getAsLong();
        played++;
    }

    /**
     * @return the study's estimated time left — the turns left at the pace of the last {@link #RECENT_TURNS}
     *         turns (of all played, before there were that many) — after {@link #TURNS_BEFORE_ESTIMATE} turns, or
     *         null before (or when nothing is left)
     */
    public synchronized Duration remaining() {
        if (played < TURNS_BEFORE_ESTIMATE || played >= turnsToPlay) {
            return null;
        }
        long now = nanoTime.getAsLong();
        double perTurn = played <= RECENT_TURNS ? (double) (now - started) / played
                // between the oldest and the newest of the last RECENT_TURNS ends, RECENT_TURNS - 1 turns were played
                : (double) (playedAt[(int) ((played - 1) % RECENT_TURNS)] - playedAt[(int) (played % RECENT_TURNS)])
                        / (RECENT_TURNS - 1);
        return Duration.ofNanos((long) (perTurn * (turnsToPlay - played)));
    }

    /** @return the turns played and to play with {@link #remaining()}, read at once; empty while there is none */
    public synchronized Optional<Estimate> estimate() {
        Duration left = remaining();
        return left == null ? Optional.empty() : Optional.of(new Estimate(played, turnsToPlay, left));
    }
}
