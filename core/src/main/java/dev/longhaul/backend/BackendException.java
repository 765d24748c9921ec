package dev.longhaul.backend;

import java.util.Objects;

/**
 * A backend could not answer a turn. The message says what happened in one line (never a secret);
 * {@link #kind()} says what sort of failure it was, so the engine can retry, record or stop. Retrying is the
 * backend's own business ({@link Kind#isTransient()} says what is worth it): a session does not ask again, it records
 * the turn as failed under the same kind ({@code failed_turns}), except {@link Kind#INTERRUPTED}.
 */
public class BackendException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What sort of failure this is. */
    public enum Kind {
        /** No connection could be made (refused, unknown host). Transient. */
        UNREACHABLE(true),
        /** The connection broke before the whole answer arrived. Transient. */
        CONNECTION_LOST(true),
        /** The request took longer than the timeout. */
        TIMEOUT(false),
        /** The server answered 5xx or 429. Transient. */
        SERVER_ERROR(true),
        /** The server does not have the requested model. */
        MODEL_NOT_FOUND(false),
        /** The conversation does not fit the model's context window. */
        CONTEXT_EXCEEDED(false),
        /** The server rejected the request (4xx). */
        REJECTED(false),
        /** The answer could not be understood (not JSON, wrong shape, invalid UTF-8, empty). */
        BAD_RESPONSE(false),
        /** The backend is misconfigured (missing model file, unknown cache type, …). */
        CONFIGURATION(false),
        /**
         * The calling thread was interrupted. A session records nothing for the turn and stops, so that resuming
         * its checkpoint asks the turn again.
         */
        INTERRUPTED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** @return whether trying the same request again may succeed */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    /** What sort of failure this is. */
    private final Kind kind;
    /** How many attempts were made before giving up. */
    private final int attempts;

    /**
     * @param kind    what sort of failure
     * @param message one line saying what happened
     */
    public BackendException(Kind kind, String message) {
        this(kind, message, 1, null);
    }

    /**
     * @param kind     what sort of failure
     * @param message  one line saying what happened
     * @param attempts how many attempts were made
     * @param cause    the underlying exception, or null
     */
    public BackendException(Kind kind, String message, int attempts, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.attempts = attempts;
    }

    /** @return what sort of failure this is */
    public Kind kind() {
        return kind;
    }

    /** @return how many attempts were made before giving up */
    public int attempts() {
        return attempts;
    }

    /**
     * This failure with the attempt count set.
     *
     * @param attempts how many attempts were made
     * @return a new exception with the same kind, message and cause
     */
    public BackendException withAttempts(int attempts) {
        return new BackendException(kind, getMessage(), attempts, getCause());
    }
}
