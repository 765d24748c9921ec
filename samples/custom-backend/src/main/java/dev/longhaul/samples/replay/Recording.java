package dev.longhaul.samples.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhaul.backend.BackendException;
import dev.longhaul.backend.GenerationStats;
import dev.longhaul.report.ReportCodec;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded conversation: the answers to replay, looked up by prompt. Reads three shapes:
 * <ul>
 *   <li>JSON Lines of {@code {"turn", "phase", "prompt", "response"}} — the input of {@code longhaul score};</li>
 *   <li>a run's checkpoint journal ({@code <report>.turns.jsonl}): its answered turns, with their recorded figures;</li>
 *   <li>a report saved with {@code --save-responses}: its {@code responses}, with the figures of
 *       {@code turn_metrics}.</li>
 * </ul>
 * A prompt recorded several times (a script that cycles) is answered with its recorded answers in order.
 */
public final class Recording {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String model;
    private final Map<String, Deque<RecordedAnswer>> byPrompt = new HashMap<>();
    private final int size;

    private Recording(Path file, String model, List<RecordedAnswer> answers) {
        this.file = file;
        this.model = model;
        for (RecordedAnswer a : answers) {
            byPrompt.computeIfAbsent(a.prompt(), p -> new ArrayDeque<>()).add(a);
        }
        this.size = answers.size();
    }

    /**
     * Reads a recording.
     *
     * @param file a JSON Lines file or a report
     * @return the recording
     * @throws BackendException of kind {@code CONFIGURATION}, in one line naming the file (and line) and the problem
     */
    public static Recording load(Path file) throws BackendException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw invalid(file + ": file not found");
        } catch (IOException e) {
            throw invalid(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Recording recording = isReport(text) ? fromReport(file, text) : fromJsonLines(file, text);
        if (recording.size == 0) {
            throw invalid(file + ": holds no answers (expected JSON Lines of {\"prompt\", \"response\"}, a checkpoint"
                    + " journal, or a report saved with --save-responses)");
        }
        return recording;
    }

    /**
     * Takes the next recorded answer to a prompt.
     *
     * @param prompt the prompt asked
     * @return its next unused answer, or empty when the recording has none (left)
     */
    public Optional<RecordedAnswer> next(String prompt) {
        Deque<RecordedAnswer> answers = byPrompt.get(prompt);
        return Optional.ofNullable(answers == null ? null : answers.poll());
    }

    /** @return the file it was read from */
    public Path file() {
        return file;
    }

    /** @return the model the recording names (a report's {@code config.model}), if any */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** @return how many answers were recorded */
    public int size() {
        return size;
    }

    private static boolean isReport(String text) {
        try {
            JsonNode first = JSON.readTree(text); // the first JSON value; a report is one object
            return first != null && first.has("turn_metrics");
        } catch (IOException e) {
            return false;
        }
    }

    private static Recording fromReport(Path file, String text) throws BackendException {
        SessionReport report;
        try {
            report = ReportCodec.fromJson(text);
        } catch (RuntimeException e) {
            throw invalid(file + ": " + e.getMessage());
        }
        if (report.responses().isEmpty()) {
            throw invalid(file + ": the report holds no responses (record the run with --save-responses)");
        }
        Map<Integer, TurnMetrics> metrics = new LinkedHashMap<>();
        report.turnMetrics().forEach(m -> metrics.put(m.turn(), m));
        List<RecordedAnswer> answers = new ArrayList<>();
        for (SavedResponse r : report.responses()) {
            TurnMetrics m = metrics.get(r.turn());
            JsonNode figures = m == null ? JSON.createObjectNode() : JSON.valueToTree(m.values());
            answers.add(answer(r.prompt(), r.response(), figures));
        }
        return new Recording(file, report.config().model(), answers);
    }

    private static Recording fromJsonLines(Path file, String text) throws BackendException {
        List<RecordedAnswer> answers = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                if (i == lines.length - 1) {
                    break; // a torn last line: the journal of a run killed mid-write
                }
                throw invalid(file + ":" + (i + 1) + ": not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw invalid(file + ":" + (i + 1) + ": expected a JSON object");
            }
            if (!node.path("response").isTextual()) {
                continue; // a journal's start line or failed turn
            }
            if (!node.path("prompt").isTextual()) {
                throw invalid(file + ":" + (i + 1) + ": \"prompt\" must be a string");
            }
            JsonNode figures = node.path("metrics").isObject() ? node.get("metrics") : node;
            answers.add(answer(node.get("prompt").asText(), node.get("response").asText(), figures));
        }
        return new Recording(file, null, answers);
    }

    private static RecordedAnswer answer(String prompt, String response, JsonNode figures) {
        Duration elapsed = Duration.ofNanos(Math.round(figures.path("elapsed_s").asDouble(0) * 1e9));
        Duration ttft = figures.has("ttft_s") ? Duration.ofNanos(Math.round(figures.get("ttft_s").asDouble() * 1e9))
                : null;
        GenerationStats stats = new GenerationStats(integer(figures, "prompt_eval_count"),
                integer(figures, "cached_prompt_tokens"), integer(figures, "tokens_generated"), elapsed, ttft,
                figures.path("tokens_per_s").isNumber() ? figures.get("tokens_per_s").asDouble() : null);
        String finishReason = figures.path("finish_reason").isTextual() ? figures.get("finish_reason").asText() : null;
        return new RecordedAnswer(prompt, response, stats, finishReason);
    }

    private static Integer integer(JsonNode figures, String key) {
        return figures.path(key).canConvertToInt() ? figures.get(key).intValue() : null;
    }

    private static BackendException invalid(String message) {
        return new BackendException(BackendException.Kind.CONFIGURATION, "replay recording " + message);
    }
}
