package dev.longhaul.backend.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * A loopback server that answers one request at a time with its headers at once, then a body that never ends: piece
 * {@code n} of {@code pieces} every {@code pause} (a byte of JSON, an SSE keep-alive comment, an event without
 * text), for at most 30 s, so that a client that waits for the end of the answer would wait that long.
 */
final class TricklingServer implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final ServerSocket socket;
    private final Thread thread;

    private TricklingServer(String contentType, Duration pause, IntFunction<String> pieces) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(contentType, pause, pieces), "trickling-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param contentType the body's media type
     * @param pause       the time between two pieces
     * @param pieces      piece n of the body (0, 1, …)
     * @return the running server
     */
    static TricklingServer start(String contentType, Duration pause, IntFunction<String> pieces) {
        try {
            return new TricklingServer(contentType, pause, pieces);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve(String contentType, Duration pause, IntFunction<String> pieces) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                readRequest(client.getInputStream());
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long end = System.nanoTime() + LIMIT.toNanos();
                for (int n = 0; System.nanoTime() < end; n++) {
                    out.write(pieces.apply(n).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(pause.toMillis());
                }
            } catch (IOException e) {
                // the client gave up and closed the connection: serve the next one
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the request line, headers and a Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request cut short");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }
}
