package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.BackendException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what went wrong during one exchange (an exception of the client, a timeout) into a one-line failure. */
final class TransportFailures {

    private final String serverName;
    private final String uri;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final SecretRedactor redactor;

    TransportFailures(String serverName, String uri, Duration timeout, Duration connectTimeout,
                      SecretRedactor redactor) {
        this.serverName = serverName;
        this.uri = uri;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.redactor = redactor;
    }

    AttemptFailure timedOut() {
        return AttemptFailure.of(new BackendException(Kind.TIMEOUT, serverName + " at " + uri
                + " timed out: no progress for " + seconds(timeout)));
    }

    AttemptFailure tookTooLong(Duration ceiling) {
        return AttemptFailure.of(new BackendException(Kind.TIMEOUT, serverName + " at " + uri
                + " timed out: the answer was not complete after " + seconds(ceiling)
                + ", the most one request may take"));
    }

    AttemptFailure interrupted(InterruptedException e) {
        return AttemptFailure.of(new BackendException(Kind.INTERRUPTED, "interrupted while waiting for "
                + serverName + " at " + uri, 1, e));
    }

    AttemptFailure from(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof BackendException b) {
            return AttemptFailure.of(new BackendException(b.kind(),
                    redactor.redact(serverName + " at " + uri + ": " + b.getMessage()), 1, b.getCause()));
        }
        if (t instanceof HttpConnectTimeoutException) {
            return unreachable("no connection within " + seconds(connectTimeout), t);
        }
        if (t instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (t instanceof ConnectException || hasCause(t, UnresolvedAddressException.class)
                || hasCause(t, UnknownHostException.class)) {
            String why = hasCause(t, UnresolvedAddressException.class) || hasCause(t, UnknownHostException.class)
                    ? "unknown host" : describe(t, "connection refused");
            return unreachable(why, t);
        }
        if (t instanceof IOException) {
            BackendException lost = new BackendException(Kind.CONNECTION_LOST, serverName + " at " + uri
                    + " closed the connection before the whole answer arrived (" + describe(t, "I/O error") + ")",
                    1, t);
            // Not one byte of an answer: most often a kept-alive connection the server had closed just before the
            // request went out (llama-server closes it after every streamed answer), so retry at once, no backoff.
            return answeredNothing(t) ? new AttemptFailure(lost, true, Optional.of(Duration.ZERO))
                    : AttemptFailure.of(lost);
        }
        return AttemptFailure.of(new BackendException(Kind.BAD_RESPONSE, serverName + " at " + uri
                + " could not be read: " + describe(t, t.getClass().getSimpleName()), 1, t));
    }

    /** The JDK client's words for a connection that closed before the status line's first byte. */
    private static boolean answeredNothing(Throwable t) {
        return String.valueOf(t.getMessage()).contains("header parser received no bytes");
    }

    private AttemptFailure unreachable(String why, Throwable t) {
        return AttemptFailure.of(new BackendException(Kind.UNREACHABLE, serverName + " unreachable at " + uri
                + ": " + why, 1, t));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int depth = 0; depth < 10 && (current instanceof ExecutionException
                || current instanceof CompletionException) && current.getCause() != null; depth++) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        Throwable current = t;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static String describe(Throwable t, String fallback) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return fallback;
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }
}
