package dev.longhaul.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.longhaul.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes {@link SessionReport}s in the seed's JSON format.
 *
 * <p><b>Writing</b> produces exactly what the seed's {@code json.dump(report, f, indent=2)} produces for the same
 * content (see {@link PythonJsonWriter}): the seed's keys in the seed's order — {@code config},
 * {@code turn_metrics}, {@code degradation_alerts}, {@code summary}, {@code responses} — followed by this project's
 * additions, which the seed ignores: {@code summary.failed_turns}, a top-level {@code failed_turns} list and, last,
 * the format marker {@code "longhaul_report": 1}. A {@code config.kv_type} of null is left out, as the seed's
 * comparison labels such a run {@code run_a}/{@code run_b}. Two sections are derived from the turns and written only
 * when the turns carry their data: the summary's context-pressure counts ({@link ContextPressureCounts}, when the run
 * knew its context size) and a {@code probes} object before the marker ({@link ProbeRecall}, when a probe turn was
 * answered); an alert says {@code "context_pressure": true} after the seed's keys only when it coincides with
 * pressure. A report without these writes exactly what it wrote before.
 *
 * <p><b>Reading</b> accepts reports the seed wrote (no additions, backend stats in any order and of any JSON type)
 * and reports written here. JSON integers become {@link Integer}/{@link Long}, JSON floats {@link Double} (a
 * {@code 1.0} stays a Double), as Python's {@code json.load} keeps them apart; {@code NaN} and {@code Infinity} are
 * accepted as Python accepts them. Unknown top-level keys are ignored (the derived {@code probes} object and
 * summary counts too: they are computed again from the turns); unknown {@code config} keys land in
 * {@link RunConfig#extra()}. Every failure is a {@link ReportFormatException} whose one-line message names the
 * input and the problem; a report whose {@value #FORMAT_KEY} is above {@value #FORMAT_VERSION} is refused.
 */
public final class ReportCodec {

    /** The top-level key holding the report format version; the seed's reports have none. */
    public static final String FORMAT_KEY = "longhaul_report";

    /** The report format version written, and the highest one read. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ReportCodec() {
    }

    /**
     * Reads a report file. The summary is the file's, as the seed writes it (rounded: {@link Summary#seedRounded()}),
     * so a report read back equals the live one in everything but its summary's last digits;
     * {@code dev.longhaul.analysis.Summaries.of(report)} makes the run's own summary again from its turns.
     *
     * @param file the file
     * @return the report
     * @throws ReportFormatException when the file is missing, unreadable, or not a report
     */
    public static SessionReport read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ReportFormatException(source, "is a directory, not a report file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new ReportFormatException(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ReportFormatException(source, "permission denied", e);
        } catch (IOException e) {
            throw new ReportFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a report from a byte stream (UTF-8, or UTF-16/32 with a byte order mark).
     *
     * @param in     the stream; not closed
     * @param source a name for the input in error messages
     * @return the report
     * @throws ReportFormatException when the input cannot be read or is not a report
     */
    public static SessionReport read(InputStream in, String source) {
        try (JsonParser parser = MAPPER.createParser(in)) {
            return parse(parser, source);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * Reads a report from characters.
     *
     * @param in     the reader; not closed
     * @param source a name for the input in error messages
     * @return the report
     * @throws ReportFormatException when the input cannot be read or is not a report
     */
    public static SessionReport read(Reader in, String source) {
        try (JsonParser parser = MAPPER.createParser(in)) {
            return parse(parser, source);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * Reads a report from its JSON text.
     *
     * @param json the text
     * @return the report
     * @throws ReportFormatException naming the input {@code <json text>} when it is not a report
     */
    public static SessionReport fromJson(String json) {
        return read(new StringReader(json), "<json text>");
    }

    /**
     * The report's JSON text, byte for byte as the seed's {@code json.dump(report, f, indent=2)} would write it
     * (no trailing newline, ASCII only).
     *
     * @param report the report
     * @return the text
     * @throws IllegalArgumentException when a config extra or metric value is not a JSON value
     */
    public static String toJson(SessionReport report) {
        return PythonJsonWriter.write(ReportLayout.tree(report));
    }

    /**
     * The report's JSON text as {@link #toJson(SessionReport)} writes it, but with null where Python writes
     * {@code NaN} ({@link PythonJsonWriter#writeStrict(Object)}): a run with no scored turn has no mean.
     *
     * @param report the report
     * @return the text
     * @throws IllegalArgumentException when a config extra or metric value is not a JSON value
     */
    public static String toStrictJson(SessionReport report) {
        return PythonJsonWriter.writeStrict(ReportLayout.tree(report));
    }

    /**
     * Writes the report's JSON text ({@link #toJson(SessionReport)}).
     *
     * @param report the report
     * @param out    where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    public static void write(SessionReport report, Writer out) throws IOException {
        PythonJsonWriter.write(ReportLayout.tree(report), out);
    }

    /**
     * Writes the report to a file, creating parent directories. The text goes to a temporary file beside the
     * target first and is then moved over it, so that an interrupted write never leaves a truncated report.
     *
     * @param report the report
     * @param file   the target file, replaced if it exists
     * @throws IOException when the file cannot be written
     */
    public static void write(SessionReport report, Path file) throws IOException {
        write(report, file, false);
    }

    /**
     * Writes the report to a file as {@link #write(SessionReport, Path)} does, in Python's JSON or in strict JSON.
     *
     * @param report the report
     * @param file   the target file, replaced if it exists
     * @param strict whether to write {@link #toStrictJson(SessionReport)} (null where Python writes NaN) instead of
     *               {@link #toJson(SessionReport)}
     * @throws IOException when the file cannot be written
     */
    public static void write(SessionReport report, Path file, boolean strict) throws IOException {
        AtomicFile.write(file, strict ? toStrictJson(report) : toJson(report), StandardCharsets.US_ASCII);
    }

    private static SessionReport parse(JsonParser parser, String source) throws IOException {
        if (parser.nextToken() == null) {
            throw new ReportFormatException(source, "empty file, expected a JSON report");
        }
        JsonNode root = MAPPER.readTree(parser);
        if (parser.nextToken() != null) {
            throw new ReportFormatException(source,
                    "extra data after the JSON value at " + where(parser.currentTokenLocation()));
        }
        return new ReportJsonReader(source).report(root);
    }

    private static ReportFormatException unreadable(String source, IOException e) {
        if (e instanceof JsonEOFException) {
            return new ReportFormatException(source,
                    "truncated JSON: input ends at " + where(((JsonEOFException) e).getLocation()), e);
        }
        if (e instanceof JsonProcessingException) {
            JsonProcessingException json = (JsonProcessingException) e;
            return new ReportFormatException(source,
                    "not valid JSON at " + where(json.getLocation()) + ": " + firstLine(json.getOriginalMessage()), e);
        }
        return new ReportFormatException(source, "cannot read: " + e.getMessage(), e);
    }

    private static String where(JsonLocation location) {
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
