package dev.longhaul.backend.http;

import dev.longhaul.backend.BackendException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

/**
 * Splits bytes into lines at {@code \n} (dropping a preceding {@code \r}) and decodes each line as strict UTF-8.
 * Decoding whole lines keeps multi-byte characters that are split across chunks intact.
 */
final class LineSplitter {

    /** Receives each complete line. */
    @FunctionalInterface
    interface LineListener {
        void onLine(String line) throws BackendException;
    }

    /** A single line longer than this is not a stream we understand; the bound keeps memory finite. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final LineListener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private long offset;

    LineSplitter(LineListener listener) {
        this.listener = listener;
    }

    void accept(ByteBuffer bytes) throws BackendException {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            offset++;
            if (b == '\n') {
                emit();
            } else {
                if (pending.size() >= MAX_LINE_BYTES) {
                    throw new BackendException(BackendException.Kind.BAD_RESPONSE,
                            "stream line longer than " + MAX_LINE_BYTES + " bytes");
                }
                pending.write(b);
            }
        }
    }

    /** Emits a last line that had no terminating {@code \n}. */
    void end() throws BackendException {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() throws BackendException {
        byte[] line = pending.toByteArray();
        pending.reset();
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        try {
            listener.onLine(Utf8.decode(line, length));
        } catch (CharacterCodingException e) {
            throw new BackendException(BackendException.Kind.BAD_RESPONSE, "stream is not valid UTF-8 in the line"
                    + " ending at byte " + offset + ": " + BodyExcerpt.of(line, length));
        }
    }
}
