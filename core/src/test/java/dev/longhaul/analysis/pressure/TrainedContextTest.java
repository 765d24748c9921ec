package dev.longhaul.analysis.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainedContextTest {

    @Test
    void marksATurnWhosePromptAndAnswerGoPastTheTrainedLength() {
        TrainedContext trained = new TrainedContext(4096);
        assertEquals(Map.of(), trained.values(4000, 96), "exactly the trained length is inside it");
        assertEquals(Map.of("past_trained_context", true), trained.values(4000, 97));
        assertEquals(Map.of("past_trained_context", true), trained.values(4509, null));
        assertEquals(Map.of(), trained.values(null, 5000), "unknown prompt size: nothing is claimed");
    }

    @Test
    void rejectsALengthBelowOneToken() {
        assertEquals("trained context must be at least 1 token, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TrainedContext(0)).getMessage());
    }
}
