package dev.longhaul.session;

import java.time.Duration;

/**
 * Waits: a session between turns, the HTTP transport between retries. Tests replace it so that none sleeps for real
 * (and can see the waits asked for).
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current thread. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    /**
     * @param duration how long to wait, never negative
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
