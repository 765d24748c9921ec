package dev.longhaul.backend.http;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the delays instead.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling thread with {@link Thread#sleep(long)}. */
    Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    /**
     * Waits for the given time.
     *
     * @param delay how long to wait, never negative
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration delay) throws InterruptedException;
}
