package dev.longhaul.backend.ollama;

import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.ChatResponse;

import java.time.Duration;

/**
 * Puts one {@code /api/chat} answer together from its objects: the NDJSON lines of a stream, or the single object
 * of a non-streamed answer. Notes when the first generated text arrived, fails on an {@code {"error": …}} object,
 * and insists on a final {@code done: true} object. Messages do not name the server: the caller puts it in front.
 */
final class OllamaAnswerAssembler {

    private final int numCtx;
    private final boolean streamed;
    private final StringBuilder text = new StringBuilder();
    private Duration firstText;
    private OllamaChatLine finalLine;
    private int lines;

    /**
     * @param numCtx   the window that was requested, recorded with the figures
     * @param streamed whether the answer is an NDJSON stream
     */
    OllamaAnswerAssembler(int numCtx, boolean streamed) {
        this.numCtx = numCtx;
        this.streamed = streamed;
    }

    /**
     * Takes the next object of the answer.
     *
     * @param line      the object
     * @param sinceSent wall time from sending the request to its arrival
     * @throws BackendException {@link BackendException.Kind#SERVER_ERROR} when it is an error object
     */
    void accept(OllamaChatLine line, Duration sinceSent) throws BackendException {
        lines++;
        if (line.isError()) {
            throw new BackendException(BackendException.Kind.SERVER_ERROR, "error "
                    + (text.length() == 0 ? "before the answer" : "after " + text.length() + " characters of the answer")
                    + ": " + line.error());
        }
        if (finalLine != null) {
            return;
        }
        if (firstText == null && line.hasText()) {
            firstText = sinceSent;
        }
        text.append(line.content());
        if (line.done()) {
            finalLine = line;
        }
    }

    /** @return the characters of answer text so far */
    int length() {
        return text.length();
    }

    /** @return whether the final object has arrived */
    boolean isDone() {
        return finalLine != null;
    }

    /**
     * The answer with its stats.
     *
     * @param elapsed wall time from sending the request to the end of the answer
     * @return the response
     * @throws BackendException {@link BackendException.Kind#CONNECTION_LOST} when a stream ended without its final
     *                          object, {@link BackendException.Kind#BAD_RESPONSE} when a non-streamed answer is not
     *                          final
     */
    ChatResponse finish(Duration elapsed) throws BackendException {
        if (finalLine == null) {
            if (!streamed) {
                throw new BackendException(BackendException.Kind.BAD_RESPONSE,
                        "the answer is not final (no \"done\": true)");
            }
            throw new BackendException(BackendException.Kind.CONNECTION_LOST,
                    "the stream ended without its final \"done\": true object (after " + lines + " lines, "
                    + text.length() + " characters)");
        }
        OllamaFigures figures = new OllamaFigures(finalLine.metrics(), numCtx);
        return new ChatResponse(text.toString(), finalLine.doneReason(),
                figures.stats(elapsed, streamed ? firstText : null), figures.extra());
    }
}
