package dev.longhaul.report;

/**
 * A report file or text that cannot be read as a report: missing, empty, not JSON, truncated, JSON of another
 * shape, a value of the wrong type, or a newer report format. Unchecked, because callers have no sensible recovery
 * other than reporting it; the message is one line naming the input and the problem, e.g.
 * {@code runs/f16.json: summary.avg_quality_score is "high", expected a number}.
 */
public class ReportFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The file name or description of the input. */
    private final String source;

    /**
     * @param source  the file name or description of the input
     * @param problem what is wrong, one line
     */
    public ReportFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * @param source  the file name or description of the input
     * @param problem what is wrong, one line
     * @param cause   the underlying failure, or null
     */
    public ReportFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** @return the file name or description of the input */
    public String source() {
        return source;
    }
}
