package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Collects a whole body, up to a bound that keeps a misbehaving server from exhausting memory. */
final class BodyCollector implements ChunkSubscriber.ChunkConsumer {

    private final int maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    /**
     * @param maxBytes the most bytes kept
     */
    BodyCollector(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void accept(ByteBuffer chunk) throws BackendException {
        int room = maxBytes - bytes.size();
        int n = chunk.remaining();
        if (n > room) {
            truncated = true;
            n = room;
        }
        byte[] copy = new byte[n];
        chunk.get(copy);
        bytes.write(copy, 0, n);
        chunk.position(chunk.limit());
    }

    @Override
    public void end() {
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** @return whether the body was longer than the bound (only the first bytes were kept) */
    boolean truncated() {
        return truncated;
    }
}
