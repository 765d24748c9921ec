package dev.longhaul.http.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server on 127.0.0.1 and a free port that answers each request with the next scripted
 * {@link Reply}, byte for byte, and records every request it read.
 *
 * <p>Replies are taken from a queue ({@link #enqueue}) in order; when the queue is empty, a route for the method and
 * path ({@link #route}) answers; when neither has one, the server answers 500 with a JSON error naming the request,
 * and counts it in {@link #unscriptedRequests()}, so a test sees what it forgot.
 *
 * <p>Connections are kept open between requests (keep-alive) unless a reply closes them, and counted
 * ({@link #connectionCount()}), so a test can assert that a client reused its connection. {@link #stopListening()}
 * and {@link #resumeListening()} make connections be refused for a while, on the same port.
 *
 * <p>Every wait is bounded: idle connections close after {@link Builder#idleTimeout}, a hanging reply gives up after
 * {@link Builder#hangLimit}, and {@link #close()} ends all connections.
 */
public final class ReplayServer implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;

    private final Duration idleTimeout;
    private final Duration hangLimit;
    private final int port;
    private final Deque<Reply> queue = new ConcurrentLinkedDeque<>();
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger unscripted = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "replay-server");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerSocket listener;
    private volatile Future<?> acceptor;
    private volatile boolean closed;

    private ReplayServer(Builder b) throws IOException {
        this.idleTimeout = b.idleTimeout;
        this.hangLimit = b.hangLimit;
        ServerSocket socket = bind(0);
        this.port = socket.getLocalPort();
        listen(socket);
    }

    /**
     * Starts a server with the default timeouts (idle connections close after 30 s, a hang lasts at most 30 s).
     *
     * @return the running server
     * @throws UncheckedIOException when no loopback port can be bound
     */
    public static ReplayServer start() {
        return builder().start();
    }

    /** @return a builder for a server with other timeouts */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** @return the port the server listens on */
    public int port() {
        return port;
    }

    /**
     * Adds replies to the end of the queue; each answers one request.
     *
     * @param replies the replies in order
     * @return this server
     */
    public ReplayServer enqueue(Reply... replies) {
        for (Reply r : replies) {
            queue.addLast(Objects.requireNonNull(r, "reply"));
        }
        return this;
    }

    /**
     * Answers every request for this method and path (once the queue is empty) with the same reply.
     *
     * @param method the method, for example {@code GET}
     * @param path   the request target, for example {@code /props}
     * @param reply  the reply
     * @return this server
     */
    public ReplayServer route(String method, String path, Reply reply) {
        routes.put(method + " " + path, Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /** @return the requests read so far, in order */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** @return replies still queued */
    public int pendingReplies() {
        return queue.size();
    }

    /** @return connections accepted so far */
    public int connectionCount() {
        return connections.get();
    }

    /** @return requests that found neither a queued reply nor a route */
    public int unscriptedRequests() {
        return unscripted.get();
    }

    /**
     * Stops accepting connections, so that new ones are refused; open connections stay. The port is kept for
     * {@link #resumeListening()}.
     */
    public void stopListening() {
        ServerSocket s = listener;
        listener = null;
        closeQuietly(s);
        awaitAcceptorExit();
    }

    /*
     * A listening socket closed while a thread is blocked in accept() stays in the kernel's LISTEN state until that
     * thread wakes: a client connecting in that moment is accepted into the backlog and then reset, instead of
     * refused. On a loaded machine the window is long enough for a test's next request, so wait for the thread.
     */
    private void awaitAcceptorExit() {
        Future<?> running = acceptor;
        if (running == null) {
            return;
        }
        try {
            running.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            // the loop ended some other way or is stuck in the kernel; the socket is closed either way
        }
    }

    /**
     * Accepts connections again on the same port.
     *
     * @throws UncheckedIOException when the port cannot be bound again
     */
    public void resumeListening() {
        if (listener != null || closed) {
            return;
        }
        try {
            listen(bind(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " again", e);
        }
    }

    /** Stops the server and closes every connection; waits at most 5 s for its threads. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        stopListening();
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        acceptor = threads.submit(() -> acceptLoop(socket));
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed && !socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                return;
            }
            if (socket != listener) {
                // accepted in the moment stopListening() closed this listener: treat it as refused
                closeQuietly(connection);
                return;
            }
            int id = connections.incrementAndGet();
            if (open.size() >= MAX_CONNECTIONS) {
                closeQuietly(connection);
                continue;
            }
            open.add(connection);
            threads.execute(() -> serve(connection, id));
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            RequestReader reader = new RequestReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                RecordedRequest request = reader.next(id);
                if (request == null) {
                    return;
                }
                requests.add(request);
                if (!answer(socket, out, replyFor(request))) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            // idle keep-alive connection: close it like a server would
        } catch (IOException e) {
            // the client went away or sent garbage; nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private Reply replyFor(RecordedRequest request) {
        Reply queued = queue.pollFirst();
        if (queued != null) {
            return queued;
        }
        Reply routed = routes.get(request.method() + " " + request.path());
        if (routed != null) {
            return routed;
        }
        unscripted.incrementAndGet();
        String body = "{\"error\":{\"code\":500,\"message\":\"replay server: no reply scripted for "
                + request.method() + " " + request.path().replace("\"", "'") + "\",\"type\":\"server_error\"}}";
        return Reply.status(500, "Internal Server Error").header("Connection", "close")
                .header("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    /** @return whether the connection stays open for another request */
    private boolean answer(Socket socket, OutputStream out, Reply reply) throws IOException, InterruptedException {
        byte[] bytes = reply.rawBytes();
        int end = reply.fault() == Reply.Fault.NONE ? bytes.length : reply.faultAfterBytes();
        int piece = reply.pieceSize() == 0 ? Math.max(1, end) : reply.pieceSize();
        for (int offset = 0; offset < end; offset += piece) {
            if (offset > 0 && !reply.pause().isZero()) {
                Thread.sleep(reply.pause().toMillis());
            }
            out.write(bytes, offset, Math.min(piece, end - offset));
            out.flush();
        }
        switch (reply.fault()) {
            case RESET -> socket.setSoLinger(true, 0);
            case HANG -> closing.await(hangLimit.toMillis(), TimeUnit.MILLISECONDS);
            default -> {
            }
        }
        return !reply.closesConnection();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Configures a {@link ReplayServer}. */
    public static final class Builder {
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration hangLimit = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * @param idleTimeout how long a connection may wait for its next request, positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idle timeout");
            return this;
        }

        /**
         * @param hangLimit how long a hanging reply holds its connection at most, positive
         * @return this builder
         */
        public Builder hangLimit(Duration hangLimit) {
            this.hangLimit = positive(hangLimit, "hang limit");
            return this;
        }

        /**
         * @return the running server
         * @throws UncheckedIOException when no loopback port can be bound
         */
        public ReplayServer start() {
            try {
                return new ReplayServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a loopback port for the replay server", e);
            }
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " " + d + " must be positive");
            }
            return d;
        }
    }
}
