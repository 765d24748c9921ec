package dev.longhaul.backend.openai.managed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ManagedLlamaServer} starts a server besides binary, model and cache type.
 *
 * @param logFile        where the server's stdout and stderr go (replaced on start); the KV cache lines are read
 *                       from it
 * @param contextSize    {@code -c}: the context size in tokens
 * @param threads        {@code -t}: CPU threads, or null for the server's default
 * @param seed           {@code --seed}: the sampling seed, or null for the server's default
 * @param startupTimeout how long to wait for {@code GET /health} to answer 200
 * @param stopGrace      how long to wait after SIGTERM before killing the server
 */
public record LaunchOptions(Path logFile, int contextSize, Integer threads, Long seed, Duration startupTimeout,
                            Duration stopGrace) {

    /**
     * The context size when none is given. Not always the embedded backend's: that one uses the model's trained
     * context (at most 8192) and 4096 only when the model file does not state it.
     */
    public static final int DEFAULT_CONTEXT_SIZE = 4096;
    /** The start-up timeout when none is given: loading a large model from disk takes a while. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
    /** The time a server gets to stop after SIGTERM when none is given. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    /**
     * Checks the values.
     *
     * @param logFile        where the server's stdout and stderr go (replaced on start); the KV cache lines are read
     *                       from it
     * @param contextSize    {@code -c}: the context size in tokens
     * @param threads        {@code -t}: CPU threads, or null for the server's default
     * @param seed           {@code --seed}: the sampling seed, or null for the server's default
     * @param startupTimeout how long to wait for {@code GET /health} to answer 200
     * @param stopGrace      how long to wait after SIGTERM before killing the server
     */
    public LaunchOptions {
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (contextSize <= 0) {
            throw new IllegalArgumentException("context size " + contextSize + " must be positive");
        }
        if (threads != null && threads <= 0) {
            throw new IllegalArgumentException("threads " + threads + " must be positive");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("start-up timeout " + startupTimeout + " must be positive");
        }
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stop grace " + stopGrace + " must not be negative");
        }
    }

    /**
     * @param logFile where the server's output goes
     * @return the defaults: context {@value #DEFAULT_CONTEXT_SIZE}, the server's threads and sampling seed, 120 s to start,
     *         10 s to stop
     */
    public static LaunchOptions defaults(Path logFile) {
        return new LaunchOptions(logFile, DEFAULT_CONTEXT_SIZE, null, null, DEFAULT_STARTUP_TIMEOUT, DEFAULT_STOP_GRACE);
    }

    /**
     * @param value the context size
     * @return these options with it
     */
    public LaunchOptions withContextSize(int value) {
        return new LaunchOptions(logFile, value, threads, seed, startupTimeout, stopGrace);
    }

    /**
     * @param value the threads, or null
     * @return these options with them
     */
    public LaunchOptions withThreads(Integer value) {
        return new LaunchOptions(logFile, contextSize, value, seed, startupTimeout, stopGrace);
    }

    /**
     * @param value the seed, or null
     * @return these options with it
     */
    public LaunchOptions withSeed(Long value) {
        return new LaunchOptions(logFile, contextSize, threads, value, startupTimeout, stopGrace);
    }

    /**
     * @param value the start-up timeout
     * @return these options with it
     */
    public LaunchOptions withStartupTimeout(Duration value) {
        return new LaunchOptions(logFile, contextSize, threads, seed, value, stopGrace);
    }

    /**
     * @param value the stop grace period
     * @return these options with it
     */
    public LaunchOptions withStopGrace(Duration value) {
        return new LaunchOptions(logFile, contextSize, threads, seed, startupTimeout, value);
    }
}
