package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.time.Duration;
import java.util.Optional;

/** One attempt failed; says whether another attempt may help and how long the server asked us to wait. */
final class AttemptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final BackendException failure;
    private final boolean retryable;
    private final transient Duration retryAfter;

    AttemptFailure(BackendException failure, boolean retryable, Optional<Duration> retryAfter) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.retryable = retryable;
        this.retryAfter = retryAfter.orElse(null);
    }

    /** A failure that is retried exactly when its kind is transient. */
    static AttemptFailure of(BackendException failure) {
        return new AttemptFailure(failure, failure.kind().isTransient(), Optional.empty());
    }

    BackendException failure() {
        return failure;
    }

    boolean retryable() {
        return retryable;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
