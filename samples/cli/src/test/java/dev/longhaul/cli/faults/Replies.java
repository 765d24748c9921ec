package dev.longhaul.cli.faults;

import dev.longhaul.http.replay.Recording;
import dev.longhaul.http.replay.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Replies for the {@code ReplayServer} of the fault tests: answers in the recorded shapes, errors, bare bodies. */
final class Replies {

    private static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    /**
     * The answers to the two requests a backend's {@code info()} makes before the first turn (llama-server:
     * {@code GET /props}, {@code GET /v1/models}; Ollama: {@code GET /api/version}, {@code POST /api/show}): 404, so
     * that the run goes on without server facts.
     */
    static Reply[] serverInfoAbsent() {
        Reply notFound = Reply.status(404, "Not Found").header("Content-Type", JSON)
                .body("{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}").build();
        return new Reply[] {notFound, notFound};
    }

    /** A whole {@code chat.completion} answer. */
    static Reply completion(ChatAnswer answer) {
        return json(200, WireShapes.completion(answer));
    }

    /** A streamed answer: one HTTP chunk per Server-Sent Event. */
    static Reply events(ChatAnswer answer) {
        return Reply.status(200, "OK").header("Content-Type", "text/event-stream").chunked(
                WireShapes.completionEvents(answer, 16)).build();
    }

    /** A streamed Ollama answer: one HTTP chunk per NDJSON line. */
    static Reply ollamaLines(ChatAnswer answer) {
        return Reply.status(200, "OK").header("Content-Type", "application/x-ndjson").chunked(
                WireShapes.ollamaChatLines(answer, 16)).build();
    }

    /** A JSON body with Content-Length. */
    static Reply json(int status, String body) {
        return Reply.status(status, reason(status)).header("Content-Type", JSON).body(body).build();
    }

    /** Bytes as the body of a 200 answer of this content type, with Content-Length. */
    static Reply body(String contentType, byte[] body) {
        return Reply.status(200, "OK").header("Content-Type", contentType).body(body).build();
    }

    /**
     * A 200 answer without Content-Length or chunks, whose body ends when the server closes the connection (as
     * HTTP/1.0-style streaming proxies send): cutting it short with {@link Reply#closeAfter} looks like a complete,
     * shorter body to the client.
     */
    static Reply closeDelimited(String contentType, List<String> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        pieces.forEach(p -> out.writeBytes(p.getBytes(StandardCharsets.UTF_8)));
        return Reply.raw(out.toByteArray());
    }

    /** A recorded llama-server exchange of {@code src/test/resources/faults/llama-server}. */
    static Recording recorded(String name) {
        return Recording.fromClasspath("/faults/llama-server/" + name);
    }

    /** Where a reply's body starts (after the blank line ending the headers). */
    static int bodyOffset(Reply reply) {
        byte[] b = reply.bytes();
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        throw new IllegalArgumentException("reply has no header end");
    }

    /** Encodes the text as UTF-8, then {@code @@} becomes the bytes C3 28: a lead byte followed by a byte that cannot continue it. */
    static byte[] withInvalidUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '@' && bytes[i + 1] == '@') {
                bytes[i] = (byte) 0xC3;
                bytes[i + 1] = '(';
                return bytes;
            }
        }
        throw new IllegalArgumentException("no @@ marker in " + text);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
