package dev.longhaul.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a run: the JVM's shutdown hook interrupts the running command, which stops after the
 * turn in flight and writes the report of the completed turns; the hook waits for that before the JVM exits
 * (with 130 for SIGINT, 143 for SIGTERM, as the JVM chooses). Without this, an interrupted run would lose its report.
 */
final class InterruptGuard implements AutoCloseable {

    private static volatile boolean shuttingDown;

    private final Thread worker = Thread.currentThread();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::interruptAndWait, "longhaul-interrupt");

    private InterruptGuard() {
    }

    /** Guards the calling thread until {@link #close()}. */
    static InterruptGuard install() {
        InterruptGuard guard = new InterruptGuard();
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** @return whether the JVM is shutting down because of a signal (then {@code System.exit} must not be called) */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    private void interruptAndWait() {
        shuttingDown = true;
        worker.interrupt();
        try {
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished.countDown();
        if (!shuttingDown) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM began shutting down after all; the hook will find the latch open
            }
        }
    }
}
