package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaChatLineReaderTest {

    private final OllamaChatLineReader reader = new OllamaChatLineReader(Fixture.JSON);

    @Test
    void aContentLineCarriesItsPieceAndNoFigures() throws BackendException {
        OllamaChatLine line = reader.read(Fixture.load("02-chat-stream").responseLines().get(1));

        assertEquals(" is", line.content());
        assertFalse(line.done());
        assertFalse(line.isError());
        assertEquals(OllamaMetrics.NONE, line.metrics());
    }

    @Test
    void escapedCharactersAreDecoded() throws BackendException {
        List<String> lines = Fixture.load("02-chat-stream").responseLines();
        String arrow = lines.stream().filter(l -> l.contains("\\u003e")).findFirst().orElseThrow();

        assertTrue(reader.read(arrow).content().endsWith(">"));
    }

    @Test
    void theFinalLineCarriesReasonAndFigures() throws BackendException {
        OllamaChatLine last = reader.read(Fixture.load("02-chat-stream").lastLine());

        assertTrue(last.done());
        assertEquals("stop", last.doneReason());
        assertEquals("", last.content());
        assertEquals(new OllamaMetrics(3988051291L, 23114583L, 61L, null, 398120000L, 203L, 3502761000L),
                last.metrics());
    }

    @Test
    void anErrorObjectIsReadAsError() throws BackendException {
        OllamaChatLine error = reader.read(Fixture.load("11-error-mid-stream").lastLine());

        assertTrue(error.isError());
        assertEquals("an error was encountered while running the model", error.error());
    }

    @Test
    void thinkingCountsAsTextButNotAsContent() throws BackendException {
        OllamaChatLine line = reader.read(
                "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Let me see\"},\"done\":false}");

        assertEquals("", line.content());
        assertTrue(line.hasText());
        assertNull(line.doneReason());
    }

    @Test
    void cutOffJsonIsABadResponseQuotingItsStart() {
        String cut = Fixture.load("13-stream-unparsable-line").responseLines().get(1);

        BackendException e = assertThrows(BackendException.class, () -> reader.read(cut));

        assertEquals(BackendException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().startsWith("line is not JSON: '{\"model\":"),
                e.getMessage());
    }

    @Test
    void aLongUnparsableLineIsQuotedShort() {
        String html = "<html>" + "x".repeat(500) + "</html>";

        BackendException e = assertThrows(BackendException.class, () -> reader.read(html));

        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("'<html>xxx"), e.getMessage());
    }

    @Test
    void jsonThatIsNotAChatObjectIsABadResponse() {
        assertEquals(BackendException.Kind.BAD_RESPONSE,
                assertThrows(BackendException.class, () -> reader.read("[1,2]")).kind());
        BackendException noDone = assertThrows(BackendException.class,
                () -> reader.read("{\"message\":{\"content\":\"hi\"}}"));
        assertTrue(noDone.getMessage().contains("object has no boolean \"done\""), noDone.getMessage());
    }
}
