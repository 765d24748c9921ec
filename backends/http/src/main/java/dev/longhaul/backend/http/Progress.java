package dev.longhaul.backend.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When one exchange's answer last advanced — the response headers arrived, a stream event carried answer text, or
 * a whole body came in at a useful rate — which the timeout watches. Bytes alone are not progress: a keep-alive
 * comment, an event without text or a body trickled byte by byte would otherwise hold a request open for ever.
 */
final class Progress {

    /**
     * A body advances when this many bytes arrived since it last did: a body must come at no less than this much
     * per timeout.
     */
    static final int MIN_BODY_BYTES = 1024;

    private final AtomicLong lastNanos;

    Progress(long startNanos) {
        this.lastNanos = new AtomicLong(startNanos);
    }

    /** The answer advanced now. */
    void advanced() {
        lastNanos.set(System.nanoTime());
    }

    /** @return when it last advanced ({@link System#nanoTime()}) */
    long lastNanos() {
        return lastNanos.get();
    }
}
