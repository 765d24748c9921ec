package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Decodes a streamed body into events and hands them to a {@link StreamSink}, timing each from the send; an event
 * advances the exchange's {@link Progress} when the sink's {@link StreamSink#progress()} grew (every event, for a
 * sink that does not track it).
 */
final class EventStreamReader implements ChunkSubscriber.ChunkConsumer {

    private final EventDecoder decoder;
    private final StreamSink<?> sink;
    private final long sentNanos;
    private final Progress progress;
    private boolean ignoringRest;
    private long sinkProgress = Long.MIN_VALUE;

    EventStreamReader(StreamFormat format, StreamSink<?> sink, long sentNanos, Progress progress) {
        this.sink = sink;
        this.sentNanos = sentNanos;
        this.progress = progress;
        this.decoder = format.decoder(this::onEvent);
    }

    private void onEvent(String data) throws BackendException {
        if (ignoringRest) {
            progress.advanced(); // the answer is whole; what follows only lets the connection be reused
            return;
        }
        ignoringRest = !sink.onEvent(data, Duration.ofNanos(System.nanoTime() - sentNanos));
        long now = sink.progress();
        if (now == StreamSink.UNTRACKED || now > sinkProgress || ignoringRest) {
            progress.advanced();
        }
        sinkProgress = now;
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
