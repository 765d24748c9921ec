package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** Decodes a streamed body into events and hands them to a {@link StreamSink}, timing each from the send. */
final class EventStreamReader implements ChunkSubscriber.ChunkConsumer {

    private final EventDecoder decoder;
    private final StreamSink<?> sink;
    private final long sentNanos;
    private boolean ignoringRest;

    EventStreamReader(StreamFormat format, StreamSink<?> sink, long sentNanos) {
        this.sink = sink;
        this.sentNanos = sentNanos;
        this.decoder = format.decoder(this::onEvent);
    }

    private void onEvent(String data) throws BackendException {
        if (!ignoringRest) {
            ignoringRest = !sink.onEvent(data, Duration.ofNanos(System.nanoTime() - sentNanos));
        }
    }

    @Override
    public void accept(ByteBuffer bytes) throws BackendException {
        decoder.accept(bytes);
    }

    @Override
    public void end() throws BackendException {
        decoder.end();
    }
}
