package dev.longhaul.cli;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The whole study's work and how long the rest of it will take: the turns every run of every repeat plays, and a
 * wall-clock estimate from the turns played most recently. Wall clock, so that the time between turns counts too: in
 * shared history that is the token-fidelity forcing, which no run's own clock sees. Recent turns rather than all of
 * them, because a turn's cost grows with its prompt until the history window slides: on the README's main job the
 * mean over all turns played said 1:28 left at turn 35 of 50 where 3:55 were.
 */
final class StudyClock {

    /** Turns to play before an estimate is given: the first turns' short prompts say little about the rest. */
    static final int TURNS_BEFORE_ESTIMATE = 3;
    /** Turns whose pace the estimate follows, once that many were played. */
    static final int RECENT_TURNS = 10;

    private final LongSupplier nanoTime;
    private final long started;
    private final int turnsPerRun;
    private long turnsToPlay;
    private long played;
    private final long[] playedAt = new long[RECENT_TURNS];

    /**
     * @param runs        the study's runs: (arms + noise floor) × repeats
     * @param turnsPerRun turns every run plays
     * @param nanoTime    the clock ({@code System::nanoTime})
     */
    StudyClock(long runs, int turnsPerRun, LongSupplier nanoTime) {
        this.turnsPerRun = turnsPerRun;
        this.turnsToPlay = runs * turnsPerRun;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /**
     * The line printed before the study starts.
     *
     * @param arms          arms compared (the baseline included)
     * @param repeats       repeats of every arm
     * @param noiseFloor    whether every repeat also reruns the baseline
     * @param turns         turns per run
     * @param forcedAnswers whether every run's turn forces the baseline's answer (shared history with fidelity)
     * @param maxTokens     tokens per answer at most, or null when the backend decides
     * @return e.g. {@code Study: 2 arms × 1 repeat × 50 turns = 100 turns to play; token fidelity forces 100
     *         answers (at most 9,600 tokens)}
     */
    static String budget(int arms, int repeats, boolean noiseFloor, int turns, boolean forcedAnswers,
                         Integer maxTokens) {
        long runsPerRepeat = arms + (noiseFloor ? 1 : 0);
        long total = runsPerRepeat * repeats * turns;
        StringBuilder line = new StringBuilder("Study: ")
                .append(arms).append(arms == 1 ? " arm" : " arms")
                .append(noiseFloor ? " + noise floor" : "")
                .append(" × ").append(repeats).append(repeats == 1 ? " repeat" : " repeats")
                .append(" × ").append(turns).append(turns == 1 ? " turn" : " turns")
                .append(" = ").append(String.format("%,d", total)).append(" turns to play");
        if (forcedAnswers) {
            // each turn forces the baseline's answer once through every run's backend, the baseline's included
            line.append("; token fidelity forces ").append(String.format("%,d", total)).append(" answers");
            if (maxTokens != null) {
                line.append(" (at most ").append(String.format("%,d", total * maxTokens)).append(" tokens)");
            }
        }
        return line.toString();
    }

    /** @return the turns the study plays in all */
    long turnsToPlay() {
        return turnsToPlay;
    }

    /** A run finished in an earlier session and is not played again. */
    synchronized void restoredRun() {
        turnsToPlay = Math.max(played, turnsToPlay - turnsPerRun);
    }

    /** One turn of some run was played (answered or failed). */
    synchronized void played() {
        playedAt[(int) (played % RECENT_TURNS)] = nanoTime.getAsLong();
        played++;
    }

    /**
     * @return the study's estimated time left — the turns left at the pace of the last {@link #RECENT_TURNS}
     *         turns (of all played, before there were that many) — after {@link #TURNS_BEFORE_ESTIMATE} turns, or
     *         null before (or when nothing is left)
     */
    synchronized Duration remaining() {
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

    /** @return e.g. {@code study 14/100 turns, ~6:10 left}, or null before there is an estimate */
    synchronized String progress() {
        Duration left = remaining();
        if (left == null) {
            return null;
        }
        return "study " + played + "/" + turnsToPlay + " turns, ~" + ProgressPrinter.clock(left) + " left";
    }
}
