package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Hands the body's byte buffers, one batch at a time, to a {@link ChunkConsumer} on the client's thread (the
 * consumer says when the answer advanced, see {@link Progress}). A failing consumer cancels the subscription, which
 * makes the client close the connection.
 */
final class ChunkSubscriber implements HttpResponse.BodySubscriber<Void> {

    /** Processes body bytes as they arrive. */
    interface ChunkConsumer {
        void accept(ByteBuffer bytes) throws BackendException;

        void end() throws BackendException;
    }

    private final ChunkConsumer consumer;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean aborted;

    ChunkSubscriber(ChunkConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = aborted;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        try {
            for (ByteBuffer b : items) {
                consumer.accept(b);
            }
        } catch (BackendException | RuntimeException e) {
            abort();
            result.completeExceptionally(e);
            return;
        }
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        s.request(1);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        try {
            consumer.end();
            result.complete(null);
        } catch (BackendException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Void> getBody() {
        return result;
    }

    /** Stops reading: the client closes the connection. */
    void abort() {
        Flow.Subscription s;
        synchronized (this) {
            aborted = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }
}
