package dev.longhaul.backend.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longhaul.backend.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonDecoderTest {

    @Test
    void givesOneEventPerNonBlankLineWhereverTheBytesAreSplit() throws BackendException {
        byte[] bytes = ("{\"message\":{\"content\":\"Gr\u00fc\u00df\"},\"done\":false}\n\n"
                + "{\"done\":true,\"eval_count\":2}\r\n{\"last\":\"no newline\"}").getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("{\"message\":{\"content\":\"Gr\u00fc\u00df\"},\"done\":false}",
                "{\"done\":true,\"eval_count\":2}", "{\"last\":\"no newline\"}");
        for (int piece = 1; piece <= bytes.length; piece++) {
            List<String> events = new ArrayList<>();
            SseDecoderTest.feed(StreamFormat.NDJSON.decoder(events::add), bytes, piece);
            assertEquals(expected, events, "pieces of " + piece + " bytes");
        }
    }
}
