package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;

/** Newline-delimited JSON: every non-blank line is an event. */
final class NdjsonDecoder implements EventDecoder {

    private final LineSplitter lines;

    NdjsonDecoder(Listener listener) {
        this.lines = new LineSplitter(line -> {
            if (!line.isBlank()) {
                listener.onEvent(line);
            }
        });
    }

    @Override
    public void accept(ByteBuffer bytes) throws BackendException {
        lines.accept(bytes);
    }

    @Override
    public void end() throws BackendException {
        lines.end();
    }
}
