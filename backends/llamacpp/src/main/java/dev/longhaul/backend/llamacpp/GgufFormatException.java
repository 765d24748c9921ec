package dev.longhaul.backend.llamacpp;

import java.io.IOException;

/** A file is not a well-formed GGUF model; the message says what is wrong in a few words, without the path. */
final class GgufFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    GgufFormatException(String problem) {
        super(problem);
    }
}
