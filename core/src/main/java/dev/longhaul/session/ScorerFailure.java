package dev.longhaul.session;

/** A scorer that failed on an answer the backend gave: the turn keeps the answer, without a score. */
final class ScorerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient String response;

    ScorerFailure(String message, String response, RuntimeException cause) {
        super(message, cause);
        this.response = response;
    }

    /** @return the answer the scorer failed on */
    String response() {
        return response;
    }
}
