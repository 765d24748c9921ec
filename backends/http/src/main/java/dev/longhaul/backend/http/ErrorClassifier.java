package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;

/**
 * Decides what sort of failure a 4xx answer is, for the backend's API (for example "the context is exceeded" or
 * "no such model"). The transport itself treats 429 and 5xx as {@link BackendException.Kind#SERVER_ERROR} and retries
 * them; it never retries any other 4xx, whatever kind is returned here.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /** Every 4xx is {@link BackendException.Kind#REJECTED}. */
    ErrorClassifier DEFAULT = error -> BackendException.Kind.REJECTED;

    /**
     * Classifies a 4xx answer other than 429.
     *
     * @param error the answer
     * @return the kind of failure
     */
    BackendException.Kind classify(HttpErrorResponse error);
}
