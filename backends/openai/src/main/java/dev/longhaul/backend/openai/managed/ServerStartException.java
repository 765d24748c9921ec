package dev.longhaul.backend.openai.managed;

/**
 * A managed llama-server could not be started; the message is one line naming the binary and the problem (missing,
 * not executable, exited during start-up with its last log line, port taken, not ready in time).
 */
public class ServerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    ServerStartException(String message) {
        super(message);
    }

    ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
