package dev.longhaul.script;

/**
 * A script file could not be read or is not a script. The message is one line naming the file and the problem.
 */
public class ScriptFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the input and the problem
     * @param cause   the underlying exception, or null
     */
    public ScriptFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
