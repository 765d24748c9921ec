package dev.longhaul.backend.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each retry of a transient failure: exponential backoff with "equal jitter", and a cap on
 * how long a server's {@code Retry-After} may make us wait.
 *
 * <p>Before retry {@code n} (1-based) the delay is {@code d = min(maxBackoff, initialBackoff * 2^(n-1))}, then a
 * random point in {@code [d/2, d]}, so that several clients do not retry in lock step. When the server sends
 * {@code Retry-After} (with 429 or 503), that value is used instead, capped at {@code maxRetryAfter}.
 *
 * @param initialBackoff the base delay before the first retry, positive
 * @param maxBackoff     the largest backoff delay, at least {@code initialBackoff}
 * @param maxRetryAfter  the most a {@code Retry-After} header may make us wait, not negative
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 0.5 s, doubling up to 8 s; {@code Retry-After} honoured up to 60 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

    /**
     * Validates the durations.
     *
     * @param initialBackoff the base delay before the first retry, positive
     * @param maxBackoff     the largest backoff delay, at least {@code initialBackoff}
     * @param maxRetryAfter  the most a {@code Retry-After} header may make us wait, not negative
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff " + initialBackoff + " must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff " + maxBackoff + " is below initial backoff "
                    + initialBackoff);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max retry-after " + maxRetryAfter + " must not be negative");
        }
    }

    /**
     * The backoff before a retry.
     *
     * @param retry  which retry this is, from 1
     * @param random a number in [0, 1) that picks the point in the jitter range (clamped to [0, 1])
     * @return the delay, in whole milliseconds, between half the backoff and the backoff
     * @throws IllegalArgumentException when {@code retry} is below 1
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry " + retry + " must be at least 1");
        }
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        // Shift at most 30 places: beyond that the cap applies anyway and the long would overflow.
        long exponential = base << Math.min(retry - 1, 30);
        long full = exponential <= 0 || exponential > cap ? cap : exponential;
        double r = Math.max(0.0, Math.min(random, 1.0));
        return Duration.ofMillis(full / 2 + Math.round((full - full / 2) * r));
    }

    /**
     * The delay a server asked for, capped.
     *
     * @param requested the {@code Retry-After} delay
     * @return {@code requested}, at most {@link #maxRetryAfter()}, never negative
     */
    public Duration retryAfter(Duration requested) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
    }
}
