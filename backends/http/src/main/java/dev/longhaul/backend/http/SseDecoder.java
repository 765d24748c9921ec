package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;

/**
 * Server-Sent Events framing (WHATWG HTML "event stream interpretation"), reduced to what chat APIs use: the
 * {@code data:} lines of an event are joined with {@code \n} and dispatched at the blank line that ends the event.
 */
final class SseDecoder implements EventDecoder {

    private final Listener listener;
    private final LineSplitter lines = new LineSplitter(this::onLine);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(ByteBuffer bytes) throws BackendException {
        lines.accept(bytes);
    }

    @Override
    public void end() throws BackendException {
        lines.end();
        dispatch();
    }

    private void onLine(String line) throws BackendException {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    private void dispatch() throws BackendException {
        if (!hasData) {
            return;
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        listener.onEvent(event);
    }
}
