package dev.longhaul.report;

import dev.longhaul.backend.BackendException;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a turn has no score: one of the backend's failure kinds ({@link BackendException.Kind}), an unexpected error
 * of the backend, or a failure of the scorer after the backend answered. A report writes it as its
 * {@link #jsonName()}: {@code unreachable}, {@code timeout}, …, {@code error}, {@code scorer}.
 */
public enum FailureKind {
    /** {@link BackendException.Kind#UNREACHABLE}. */
    UNREACHABLE,
    /** {@link BackendException.Kind#CONNECTION_LOST}. */
    CONNECTION_LOST,
    /** {@link BackendException.Kind#TIMEOUT}. */
    TIMEOUT,
    /** {@link BackendException.Kind#SERVER_ERROR}. */
    SERVER_ERROR,
    /** {@link BackendException.Kind#MODEL_NOT_FOUND}. */
    MODEL_NOT_FOUND,
    /** {@link BackendException.Kind#CONTEXT_EXCEEDED}. */
    CONTEXT_EXCEEDED,
    /** {@link BackendException.Kind#REJECTED}. */
    REJECTED,
    /** {@link BackendException.Kind#BAD_RESPONSE}. */
    BAD_RESPONSE,
    /** {@link BackendException.Kind#CONFIGURATION}. */
    CONFIGURATION,
    /** {@link BackendException.Kind#INTERRUPTED}. */
    INTERRUPTED,
    /** The backend threw something other than a {@link BackendException}: a bug of the backend. */
    ERROR,
    /** The backend answered, but the scorer threw or gave no {@code quality_score}; the answer is kept. */
    SCORER;

    /**
     * @param kind a backend's failure kind
     * @return the same kind
     */
    public static FailureKind of(BackendException.Kind kind) {
        return valueOf(kind.name());
    }

    /** @return the name a report and a checkpoint write: the constant's name in lower case */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the backend failed (every kind but {@link #SCORER}) */
    public boolean ofBackend() {
        return this != SCORER;
    }

    /**
     * @param name a kind as a report writes it
     * @return the kind, if it is one
     */
    public static Optional<FailureKind> fromJsonName(String name) {
        for (FailureKind k : values()) {
            if (k.jsonName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
