package dev.longhaul.http.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.1 requests off a connection: request line, headers, and a Content-Length or chunked body. */
final class RequestReader {

    static final int MAX_LINE = 64 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_BODY = 64 * 1024 * 1024;

    private final InputStream in;

    RequestReader(InputStream in) {
        this.in = in;
    }

    /** @return the next request, or null when the client closed the connection between requests */
    RecordedRequest next(int connection) throws IOException {
        String requestLine = readLine();
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine();
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line: " + requestLine);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            if (headers.size() >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon),
                    line.substring(colon + 1).strip()));
        }
        byte[] body = readBody(headers);
        return new RecordedRequest(parts[0], parts[1], headers, body, connection);
    }

    private byte[] readBody(List<Map.Entry<String, String>> headers) throws IOException {
        String length = value(headers, "content-length");
        String encoding = value(headers, "transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine();
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a chunked request body");
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(),
                        16);
                if (size == 0) {
                    for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_BODY) {
                    throw new IOException("request body larger than " + MAX_BODY + " bytes");
                }
                body.writeBytes(readExactly(size));
                readLine();
            }
        }
        if (length == null) {
            return new byte[0];
        }
        int n = Integer.parseInt(length.strip());
        if (n < 0 || n > MAX_BODY) {
            throw new IOException("request Content-Length " + n + " is outside [0, " + MAX_BODY + "]");
        }
        return readExactly(n);
    }

    private static String value(List<Map.Entry<String, String>> headers, String lowerName) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return h.getValue();
            }
        }
        return null;
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new IOException("connection closed after " + bytes.length + " of " + n + " body bytes");
        }
        return bytes;
    }

    /** @return a line without its CRLF (or LF), or null at the end of the stream before any byte */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line or header longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
