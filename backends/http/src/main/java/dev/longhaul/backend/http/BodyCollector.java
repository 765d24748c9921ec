package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Collects a whole body, up to a bound that keeps a misbehaving server from exhausting memory; the body advances
 * the exchange's {@link Progress} each time {@value Progress#MIN_BODY_BYTES} more bytes have come.
 */
final class BodyCollector implements ChunkSubscriber.ChunkConsumer {

    private final int maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Progress progress;
    private boolean truncated;
    private long sinceProgress;

    /**
     * @param maxBytes the most bytes kept
     * @param progress told when enough bytes came
     */
    BodyCollector(int maxBytes, Progress progress) {
        this.maxBytes = maxBytes;
        this.progress = progress;
    }

    @Override
    public void accept(ByteBuffer chunk) throws BackendException {
        int room = maxBytes - bytes.size();
        int n = chunk.remaining();
        sinceProgress += n;
        if (sinceProgress >= Progress.MIN_BODY_BYTES) {
            progress.advanced();
            sinceProgress = 0;
        }
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
