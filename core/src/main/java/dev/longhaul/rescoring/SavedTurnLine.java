package dev.longhaul.rescoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.scoring.TurnInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One line of saved turns read as a {@link TurnInput}: a JSON object with string {@code prompt} and
 * {@code response}, an optional whole {@code turn} of at least 1 (the line number when absent or null) and an
 * optional string {@code phase}; other keys are ignored and the last of duplicate keys counts.
 *
 * <p>The line is read with Jackson's streaming parser, field by field, without building a tree: the prompt and the
 * response are the only strings kept. A line of ASCII bytes (what Python's {@code json.dumps} writes) is parsed
 * from its bytes; any other line is first decoded strictly as UTF-8, so that a line in another encoding is named as
 * such rather than read with replacement characters.
 */
final class SavedTurnLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedTurnLine() {
    }

    /**
     * @return the turn, or null for a blank line
     * @throws SavedTurnsProblem naming the line when it is not a turn
     */
    static TurnInput parse(Path file, int line, byte[] data, int from, int to) throws SavedTurnsProblem {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (data[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            if (blank(data, from, to)) {
                return null;
            }
            try (JsonParser parser = JSON.createParser(data, from, to - from)) {
                return read(parser, file, line);
            } catch (IOException e) {
                throw asProblem(e, file, line);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new SavedTurnsProblem(file, 0, "line " + line + " is not valid UTF-8");
        }
        if (text.isBlank()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            return read(parser, file, line);
        } catch (IOException e) {
            throw asProblem(e, file, line);
        }
    }

    /** As {@link String#isBlank()} for an ASCII line. */
    private static boolean blank(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(data[i])) {
                return false;
            }
        }
        return true;
    }

    private static SavedTurnsProblem asProblem(IOException e, Path file, int line) {
        if (e instanceof SavedTurnsIoProblem carried) {
            return carried.problem;
        }
        return new SavedTurnsProblem(file, line, "not valid JSON");
    }

    private static TurnInput read(JsonParser parser, Path file, int line) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            checkNothingAfter(parser, file, line);
            throw carried(file, line, "expected a JSON object");
        }
        String prompt = null;
        String response = null;
        String phase = "";
        Integer turn = null;
        String badTurn = null;
        String field;
        while ((field = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "prompt" -> prompt = stringOrNull(parser, value);
                case "response" -> response = stringOrNull(parser, value);
                case "phase" -> phase = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, "");
                case "turn" -> {
                    turn = null;
                    badTurn = null;
                    if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                        turn = parser.getIntValue();
                    } else if (value != JsonToken.VALUE_NULL) {
                        badTurn = parser.readValueAsTree().toString(); // what the tree reader's message showed
                    }
                }
                default -> parser.skipChildren();
            }
        }
        checkNothingAfter(parser, file, line);
        if (prompt == null) {
            throw carried(file, line, "\"prompt\" must be a string");
        }
        if (response == null) {
            throw carried(file, line, "\"response\" must be a string");
        }
        if (badTurn != null) {
            throw carried(file, line, "\"turn\" must be a whole number, was " + badTurn);
        }
        int number = turn != null ? turn : line;
        if (number < 1) {
            throw carried(file, line, "\"turn\" must be at least 1, was " + number);
        }
        return new TurnInput(number, phase, prompt, response);
    }

    private static String stringOrNull(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
    }

    private static String skip(JsonParser parser, String result) throws IOException {
        parser.skipChildren();
        return result;
    }

    private static void checkNothingAfter(JsonParser parser, Path file, int line) throws IOException {
        if (parser.nextToken() != null) {
            throw carried(file, line, "more than one JSON value on the line (one turn a line)");
        }
    }

    private static SavedTurnsIoProblem carried(Path file, int line, String problem) {
        return new SavedTurnsIoProblem(new SavedTurnsProblem(file, line, problem));
    }

    /** A line's problem carried through the parser's IOException-throwing code. */
    private static final class SavedTurnsIoProblem extends JsonProcessingException {
        private static final long serialVersionUID = 1L;
        private final transient SavedTurnsProblem problem;

        SavedTurnsIoProblem(SavedTurnsProblem problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }
}
