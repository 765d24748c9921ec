package dev.longhaul.backend.http;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt: sends the request, reads the body (whole, or as a stream of events for a 2xx answer when a format is
 * given) and waits for the end, giving up when the answer has not advanced ({@link Progress}) for the timeout, or
 * when the whole request has taken its ceiling.
 */
final class Exchange {

    /**
     * What came back.
     *
     * @param body      the collected body; empty for a streamed 2xx answer (its events went to the sink)
     * @param truncated whether the body was longer than the bound and only its start was kept
     */
    record Answer(int status, HttpHeaders headers, byte[] body, boolean truncated, Duration elapsed) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final HttpClient client;
    private final Duration timeout;
    private final Duration ceiling;
    private final StreamFormat format;
    private final StreamSink<?> sink;
    private final int maxBodyBytes;
    private final int maxErrorBodyBytes;

    Exchange(HttpClient client, Duration timeout, Duration ceiling, StreamFormat format, StreamSink<?> sink,
             int maxBodyBytes, int maxErrorBodyBytes) {
        this.client = client;
        this.timeout = timeout;
        this.ceiling = ceiling;
        this.format = format;
        this.sink = sink;
        this.maxBodyBytes = maxBodyBytes;
        this.maxErrorBodyBytes = maxErrorBodyBytes;
    }

    Answer run(HttpRequest request, TransportFailures failures) throws AttemptFailure {
        long sent = System.nanoTime();
        Progress progress = new Progress(sent);
        AtomicReference<ChunkSubscriber> subscriber = new AtomicReference<>();
        AtomicReference<BodyCollector> collector = new AtomicReference<>();
        HttpResponse.BodyHandler<Void> handler = info -> {
            progress.advanced();
            boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
            ChunkSubscriber.ChunkConsumer consumer;
            if (success && format != null) {
                consumer = new EventStreamReader(format, sink, sent, progress);
            } else {
                BodyCollector c = new BodyCollector(success ? maxBodyBytes : maxErrorBodyBytes, progress);
                collector.set(c);
                consumer = c;
            }
            ChunkSubscriber s = new ChunkSubscriber(consumer);
            subscriber.set(s);
            return s;
        };
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request, handler);
        HttpResponse<Void> response = await(future, sent, progress, subscriber, failures);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
        BodyCollector c = collector.get();
        return new Answer(response.statusCode(), response.headers(), c == null ? NO_BYTES : c.bytes(),
                c != null && c.truncated(), elapsed);
    }

    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future, long sent, Progress progress,
                                     AtomicReference<ChunkSubscriber> subscriber, TransportFailures failures)
            throws AttemptFailure {
        long timeoutNanos = timeout.toNanos();
        long ceilingNanos = ceiling.toNanos();
        // Poll often enough to notice the timeout promptly, rarely enough to cost nothing.
        long pollMillis = Math.max(5, Math.min(250, Math.min(timeout.toMillis(), ceiling.toMillis()) / 10));
        while (true) {
            try {
                return future.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - progress.lastNanos() >= timeoutNanos) {
                    abort(future, subscriber);
                    throw failures.timedOut();
                }
                if (now - sent >= ceilingNanos) {
                    abort(future, subscriber);
                    throw failures.tookTooLong(ceiling);
                }
            } catch (InterruptedException e) {
                abort(future, subscriber);
                Thread.currentThread().interrupt();
                throw failures.interrupted(e);
            } catch (ExecutionException e) {
                throw failures.from(e.getCause());
            }
        }
    }

    private static void abort(CompletableFuture<?> future, AtomicReference<ChunkSubscriber> subscriber) {
        ChunkSubscriber s = subscriber.get();
        if (s != null) {
            s.abort();
        }
        future.cancel(true);
    }
}
