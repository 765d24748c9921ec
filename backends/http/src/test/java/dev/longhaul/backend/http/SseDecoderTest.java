package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.backend.BackendException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    /** The shape llama-server sends: one data line per event, blank line after each, then [DONE]. */
    private static final String STREAM = "data: {\"delta\":{\"content\":\"Certainly\"}}\n\n"
            + "data: {\"delta\":{\"content\":\" \u00fcber \u20ac \ud83d\ude00\"}}\n\n"
            + ": a comment line\n"
            + "event: message\nid: 7\nretry: 100\n"
            + "data:no-space\ndata:  two spaces\n\n"
            + "data: [DONE]\n\n";

    private static final List<String> EVENTS = List.of("{\"delta\":{\"content\":\"Certainly\"}}",
            "{\"delta\":{\"content\":\" \u00fcber \u20ac \ud83d\ude00\"}}", "no-space\n two spaces", "[DONE]");

    @Test
    void givesTheSameEventsWhereverTheBytesAreSplit() throws BackendException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int piece = 1; piece <= bytes.length; piece++) {
            assertEquals(EVENTS, decode(bytes, piece), "pieces of " + piece + " bytes");
        }
    }

    @Test
    void acceptsCrLfLineEndsAndALastEventWithoutBlankLine() throws BackendException {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\ndata: c".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b\nc"), decode(bytes, 3));
    }

    @Test
    void ignoresEventsWithoutData() throws BackendException {
        assertEquals(List.of(), decode("event: ping\n\n: keep-alive\n\n\n".getBytes(StandardCharsets.UTF_8), 5));
    }

    @Test
    void rejectsInvalidUtf8NamingTheBytes() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xc3, (byte) 0x28, '\n', '\n'};
        BackendException e = assertThrows(BackendException.class, () -> decode(bytes, 4));
        assertEquals(BackendException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("\\xc3("), e.getMessage());
    }

    static List<String> decode(byte[] bytes, int piece) throws BackendException {
        List<String> events = new ArrayList<>();
        EventDecoder decoder = StreamFormat.SSE.decoder(events::add);
        feed(decoder, bytes, piece);
        return events;
    }

    static void feed(EventDecoder decoder, byte[] bytes, int piece) throws BackendException {
        for (int i = 0; i < bytes.length; i += piece) {
            decoder.accept(ByteBuffer.wrap(bytes, i, Math.min(piece, bytes.length - i)));
        }
        decoder.end();
    }
}
