package dev.longhaul.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longhaul.report.FailedTurn;
import dev.longhaul.report.FailureKind;
import dev.longhaul.report.TurnMetrics;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's journal: a JSON Lines file whose first line describes the run ({@code "type":"start"}: every setting
 * needed to continue it) and whose every further line is one finished turn ({@code "type":"turn"} or
 * {@code "type":"failed"}). Each line is written whole, flushed and synced before the run goes on, so a crash or a
 * kill loses at most the turn in flight. A torn last line (a write cut short) is detected and dropped on reading.
 */
final class Checkpoint implements AutoCloseable {

    /** Format version of the start line. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    // Not a FileChannel: a channel is closed by an interrupt of the writing thread, and Ctrl-C interrupts the run
    // exactly when its last turns must still be journalled.
    private final RandomAccessFile out;

    private Checkpoint(Path file, RandomAccessFile out) {
        this.file = file;
        this.out = out;
    }

    /** Starts a new journal, replacing any file at that path, with the start line. */
    static Checkpoint create(Path file, ObjectNode start) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
        out.setLength(0);
        Checkpoint c = new Checkpoint(file, out);
        ObjectNode line = JSON.createObjectNode().put("type", "start").put("version", VERSION);
        line.setAll(start);
        c.append(line);
        return c;
    }

    /** Opens an existing journal to append to, after cutting off a torn last line. */
    static Checkpoint reopen(Path file, long validLength) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
        out.setLength(validLength);
        out.seek(validLength);
        return new Checkpoint(file, out);
    }

    /** Appends one finished turn. */
    void write(CheckpointRecord record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", record.answered() ? "turn" : "failed");
        line.put("turn", record.turn());
        line.put("phase", record.phase());
        line.put("prompt", record.prompt());
        if (record.answered()) {
            line.put("response", record.response());
            line.set("metrics", JSON.valueToTree(record.metrics().values()));
        } else {
            FailedTurn f = record.failure();
            line.put("kind", f.kind().jsonName());
            line.put("message", f.message());
            line.put("attempts", f.attempts());
            line.put("elapsed_s", f.elapsedS());
            if (f.response() != null) {
                line.put("response", f.response());
            }
        }
        try {
            append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private void append(ObjectNode line) throws IOException {
        out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.getFD().sync();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + ": cannot be closed", e);
        }
    }

    /** What a journal holds: its start line, its complete turns, and the length of its valid part. */
    record Contents(JsonNode start, List<CheckpointRecord> records, long validLength, boolean tornLineDropped) {
    }

    /**
     * Reads a journal.
     *
     * @throws IllegalArgumentException naming the file and the problem when it is missing, empty or not a journal
     */
    static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("checkpoint " + file + ": file is empty");
        }
        JsonNode start = null;
        List<CheckpointRecord> records = new ArrayList<>();
        long valid = 0;
        boolean torn = false;
        int lineStart = 0;
        int lineNumber = 0;
        while (lineStart < bytes.length) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            boolean complete = end < bytes.length;
            String text = new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8);
            JsonNode node = complete ? parse(text) : null;
            if (node == null) {
                boolean last = !complete || end + 1 >= bytes.length;
                if (last && lineNumber > 1) {
                    torn = true;
                    break;
                }
                throw new IllegalArgumentException("checkpoint " + file + ": line " + lineNumber + " is not a complete JSON object");
            }
            if (lineNumber == 1) {
                if (!"start".equals(node.path("type").asText()) || !node.has("version")) {
                    throw new IllegalArgumentException("checkpoint " + file + ": not a longhaul checkpoint (no start line)");
                }
                if (node.path("version").asInt() > VERSION) {
                    throw new IllegalArgumentException("checkpoint " + file + ": version " + node.path("version").asInt()
                            + " is newer than this longhaul reads (" + VERSION + ")");
                }
                start = node;
            } else {
                records.add(record(node, file, lineNumber));
            }
            valid = end + 1;
            lineStart = end + 1;
        }
        if (start == null) {
            throw new IllegalArgumentException("checkpoint " + file + ": not a longhaul checkpoint (no start line)");
        }
        return new Contents(start, records, valid, torn);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static CheckpointRecord record(JsonNode node, Path file, int lineNumber) {
        String type = node.path("type").asText();
        int turn = node.path("turn").asInt();
        String phase = node.path("phase").asText();
        String prompt = node.path("prompt").asText();
        if (type.equals("turn")) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.path("metrics").fields().forEachRemaining(e -> values.put(e.getKey(), scalar(e.getValue())));
            return CheckpointRecord.answered(new TurnMetrics(turn, phase, values), prompt, node.path("response").asText());
        }
        if (type.equals("failed")) {
            String kind = node.path("kind").asText();
            FailureKind failureKind = FailureKind.fromJsonName(kind).orElseThrow(() -> new IllegalArgumentException(
                    "checkpoint " + file + ": line " + lineNumber + " has unknown failure kind '" + kind + "'"));
            return CheckpointRecord.failed(new FailedTurn(turn, phase, prompt, failureKind,
                    node.path("message").asText(), node.path("attempts").asInt(), node.path("elapsed_s").asDouble(),
                    node.hasNonNull("response") ? node.get("response").asText() : null));
        }
        throw new IllegalArgumentException("checkpoint " + file + ": line " + lineNumber + " has unknown type '" + type + "'");
    }

    private static Object scalar(JsonNode v) {
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : v.asText();
    }
}
