package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;

/** Turns the bytes of a streamed body, in chunks of any size, into events. */
interface EventDecoder {

    /** Receives the decoded events. */
    @FunctionalInterface
    interface Listener {
        void onEvent(String data) throws BackendException;
    }

    /** Feeds the next bytes; may emit any number of events. */
    void accept(ByteBuffer bytes) throws BackendException;

    /** The body ended cleanly; emits a last event that had no terminating line break. */
    void end() throws BackendException;
}
