package dev.longhaul.http.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link ReplayServer} does with one request: write these exact response bytes (status line, headers and
 * body, including any chunked framing), possibly in small pieces, possibly with a fault. Immutable; the modifiers
 * return a changed copy.
 *
 * <p>After a complete reply the connection stays open for the next request (keep-alive) unless the reply says
 * {@code Connection: close} or has neither {@code Content-Length} nor chunked framing (then its end is the close).
 */
public final class Reply {

    /** A deliberate misbehaviour. */
    public enum Fault {
        /** None: write the whole reply. */
        NONE,
        /** Write the first {@link #faultAfterBytes()} bytes, then close the connection normally (FIN). */
        CLOSE,
        /** Write the first {@link #faultAfterBytes()} bytes, then reset the connection (RST). */
        RESET,
        /** Write the first {@link #faultAfterBytes()} bytes, then send nothing more until the server closes. */
        HANG
    }

    private final byte[] bytes;
    private final int pieceSize;
    private final Duration pause;
    private final Fault fault;
    private final int faultAfterBytes;

    private Reply(byte[] bytes, int pieceSize, Duration pause, Fault fault, int faultAfterBytes) {
        this.bytes = bytes;
        this.pieceSize = pieceSize;
        this.pause = pause;
        this.fault = fault;
        this.faultAfterBytes = faultAfterBytes;
    }

    /**
     * Replays exact bytes.
     *
     * @param responseBytes a whole HTTP/1.1 response as it goes over the wire
     * @return the reply
     */
    public static Reply raw(byte[] responseBytes) {
        return new Reply(responseBytes.clone(), 0, Duration.ZERO, Fault.NONE, 0);
    }

    /**
     * Closes the connection as soon as the request has been read, without a byte of answer.
     *
     * @return the reply
     */
    public static Reply closeWithoutAnswer() {
        return new Reply(new byte[0], 0, Duration.ZERO, Fault.CLOSE, 0);
    }

    /**
     * Resets the connection as soon as the request has been read.
     *
     * @return the reply
     */
    public static Reply resetWithoutAnswer() {
        return new Reply(new byte[0], 0, Duration.ZERO, Fault.RESET, 0);
    }

    /**
     * Reads the request and never answers (until the server closes).
     *
     * @return the reply
     */
    public static Reply hang() {
        return new Reply(new byte[0], 0, Duration.ZERO, Fault.HANG, 0);
    }

    /**
     * Starts a response built from parts, for answers that were not recorded (429 with Retry-After, a stream of
     * NDJSON chunks, …).
     *
     * @param status the status code
     * @param reason the reason phrase
     * @return a builder
     */
    public static Builder status(int status, String reason) {
        return new Builder(status, reason);
    }

    /**
     * Sends the reply in pieces of this many bytes, flushing after each (and pausing, see {@link #pausing}), so that
     * the client's reads see many small chunks at arbitrary boundaries.
     *
     * @param size bytes per write, positive
     * @return a changed copy
     */
    public Reply inPiecesOf(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("piece size " + size + " must be positive");
        }
        return new Reply(bytes, size, pause, fault, faultAfterBytes);
    }

    /**
     * Pauses between pieces (only with {@link #inPiecesOf}).
     *
     * @param pauseBetweenPieces the pause, at most 10 s
     * @return a changed copy
     */
    public Reply pausing(Duration pauseBetweenPieces) {
        if (pauseBetweenPieces.isNegative() || pauseBetweenPieces.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("pause " + pauseBetweenPieces + " must be within [0, 10 s]");
        }
        return new Reply(bytes, pieceSize, pauseBetweenPieces, fault, faultAfterBytes);
    }

    /**
     * Writes only the first bytes, then closes the connection normally.
     *
     * @param n bytes to write first
     * @return a changed copy
     */
    public Reply closeAfter(int n) {
        return withFault(Fault.CLOSE, n);
    }

    /**
     * Writes only the first bytes, then resets the connection.
     *
     * @param n bytes to write first
     * @return a changed copy
     */
    public Reply resetAfter(int n) {
        return withFault(Fault.RESET, n);
    }

    /**
     * Writes only the first bytes, then hangs.
     *
     * @param n bytes to write first
     * @return a changed copy
     */
    public Reply hangAfter(int n) {
        return withFault(Fault.HANG, n);
    }

    private Reply withFault(Fault f, int n) {
        if (n < 0 || n > bytes.length) {
            throw new IllegalArgumentException("fault offset " + n + " is outside the reply's " + bytes.length
                    + " bytes");
        }
        return new Reply(bytes, pieceSize, pause, f, n);
    }

    /** @return the response bytes (a copy) */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return bytes per write, or 0 for one write */
    public int pieceSize() {
        return pieceSize;
    }

    /** @return the pause between pieces */
    public Duration pause() {
        return pause;
    }

    /** @return the fault */
    public Fault fault() {
        return fault;
    }

    /** @return how many bytes are written before the fault */
    public int faultAfterBytes() {
        return faultAfterBytes;
    }

    byte[] rawBytes() {
        return bytes;
    }

    /** @return whether the connection must close after this reply (its headers say so, or its end is the close) */
    boolean closesConnection() {
        if (fault != Fault.NONE) {
            return true;
        }
        String head = headerBlock().toLowerCase(Locale.ROOT);
        if (head.isEmpty()) {
            return true;
        }
        boolean close = head.contains("\r\nconnection: close");
        boolean delimited = head.contains("\r\ncontent-length:") || head.contains("\r\ntransfer-encoding: chunked");
        return close || !delimited;
    }

    private String headerBlock() {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return new String(bytes, 0, i + 2, StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }

    /** Builds a response from a status, headers and a body that is sent whole or chunked. */
    public static final class Builder {
        private final int status;
        private final String reason;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private List<byte[]> chunks;

        private Builder(int status, String reason) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status " + status + " is not a 3-digit HTTP status");
            }
            this.status = status;
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param name a header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * @param text the body, UTF-8, sent with Content-Length
         * @return this builder
         */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param bytes the body, sent with Content-Length
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = bytes.clone();
            this.chunks = null;
            return this;
        }

        /**
         * @param bodyChunks the body as HTTP chunks (Transfer-Encoding: chunked), UTF-8; each becomes one chunk
         * @return this builder
         */
        public Builder chunked(List<String> bodyChunks) {
            List<byte[]> list = new ArrayList<>();
            for (String c : bodyChunks) {
                list.add(c.getBytes(StandardCharsets.UTF_8));
            }
            this.chunks = list;
            return this;
        }

        /** @return the reply */
        public Reply build() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, "HTTP/1.1 " + status + " " + reason + "\r\n");
            headers.forEach((k, v) -> write(out, k + ": " + v + "\r\n"));
            if (chunks == null) {
                if (!headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length"))) {
                    write(out, "Content-Length: " + body.length + "\r\n");
                }
                write(out, "\r\n");
                out.writeBytes(body);
            } else {
                write(out, "Transfer-Encoding: chunked\r\n\r\n");
                for (byte[] c : chunks) {
                    if (c.length == 0) {
                        continue;
                    }
                    write(out, Integer.toHexString(c.length) + "\r\n");
                    out.writeBytes(c);
                    write(out, "\r\n");
                }
                write(out, "0\r\n\r\n");
            }
            return Reply.raw(out.toByteArray());
        }

        private static void write(ByteArrayOutputStream out, String s) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
